/**
 * Reading runbook files: YAML (one document, core schema, no aliases or custom tags, at most
 * 256 KiB), validated, with every error naming the file, line, column and field.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { LineCounter, parseDocument, visit } from 'yaml';
import { fieldName, locate } from './locate';
import type { Runbook } from './schema';
import { validateRunbook } from './validate';

export const MAX_RUNBOOK_BYTES = 256 * 1024;
export const MAX_RUNBOOK_FILES = 500;

export interface RunbookError {
  file: string;
  line: number;
  column: number;
  /** `steps[2].requires_approval`; empty for YAML syntax errors and whole-file problems. */
  field: string;
  message: string;
}

export interface LoadedRunbook {
  file: string;
  runbook: Runbook;
}

export const formatError = (e: RunbookError): string => `${e.file}:${e.line}:${e.column}: ${e.field === '' ? '' : `${e.field}: `}${e.message}`;

export function parseRunbookText(text: string, file: string): { runbook: Runbook | null; errors: RunbookError[] } {
  const at = (line: number, column: number, field: string, message: string): RunbookError => ({ file, line, column, field, message });
  if (Buffer.byteLength(text, 'utf8') > MAX_RUNBOOK_BYTES) return { runbook: null, errors: [at(1, 1, '', `larger than ${MAX_RUNBOOK_BYTES / 1024} KiB`)] };
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, schema: 'core', customTags: [], uniqueKeys: true, prettyErrors: false });
  const syntax = [...doc.errors, ...doc.warnings].map((e) => {
    const pos = e.linePos?.[0] ?? lines.linePos(e.pos[0]);
    return at(pos.line, pos.col, '', `YAML: ${e.message.split('\n')[0] ?? e.message}`);
  });
  visit(doc, {
    Alias(_, node) {
      const pos = lines.linePos(node.range?.[0] ?? 0);
      syntax.push(at(pos.line, pos.col, '', 'YAML aliases (*name) are not accepted in runbooks: write the value out'));
    },
  });
  if (syntax.length > 0) return { runbook: null, errors: syntax };
  if (doc.contents === null) return { runbook: null, errors: [at(1, 1, '', 'empty file')] };

  const result = validateRunbook(doc.toJS());
  const errors = result.ok
    ? []
    : result.issues.map((i) => {
        const pos = locate(doc, lines, i.path);
        return at(pos.line, pos.column, fieldName(i.path), i.message);
      });
  const stem = basename(file, extname(file));
  if (result.ok && result.runbook.id !== stem) {
    const pos = locate(doc, lines, ['id']);
    errors.push(at(pos.line, pos.column, 'id', `"${result.runbook.id}" must match the file name "${stem}"`));
  }
  errors.sort((a, b) => a.line - b.line || a.column - b.column);
  return { runbook: errors.length === 0 && result.ok ? result.runbook : null, errors };
}

export function loadRunbookFile(file: string): { runbook: Runbook | null; errors: RunbookError[] } {
  const size = statSync(file).size;
  if (size > MAX_RUNBOOK_BYTES) return { runbook: null, errors: [{ file, line: 1, column: 1, field: '', message: `larger than ${MAX_RUNBOOK_BYTES / 1024} KiB` }] };
  return parseRunbookText(readFileSync(file, 'utf8'), file);
}

export interface LoadedDir {
  /** Every *.yaml / *.yml file read, sorted by name. */
  files: string[];
  runbooks: LoadedRunbook[];
  errors: RunbookError[];
}

/** Every runbook in `dir` (not recursive). Two files with the same id: the second is an error. */
export function loadRunbookDir(dir: string): LoadedDir {
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isFile() && /\.ya?ml$/i.test(d.name))
    .map((d) => d.name)
    .sort();
  if (names.length > MAX_RUNBOOK_FILES) throw new Error(`${dir}: more than ${MAX_RUNBOOK_FILES} runbook files`);
  const out: LoadedDir = { files: [], runbooks: [], errors: [] };
  const byId = new Map<string, string>();
  for (const name of names) {
    const file = join(dir, name);
    out.files.push(file);
    const r = loadRunbookFile(file);
    out.errors.push(...r.errors);
    if (r.runbook === null) continue;
    const first = byId.get(r.runbook.id);
    if (first !== undefined) {
      out.errors.push({ file, line: 1, column: 1, field: 'id', message: `"${r.runbook.id}" is already the id of ${first}` });
      continue;
    }
    byId.set(r.runbook.id, file);
    out.runbooks.push({ file, runbook: r.runbook });
  }
  return out;
}
