/**
 * Reading a policy file: YAML (one document, core schema, no aliases, at most 256 KiB), validated,
 * every error naming the file, line, column and field (the runbooks' locate helpers).
 */
import { readFileSync, statSync } from 'node:fs';
import { LineCounter, parseDocument, visit } from 'yaml';
import { issuesOf } from '../actions/catalogue/define';
import { ACTION_IDS, getAction } from '../actions/catalogue';
import type { ParamIssue } from '../actions/catalogue';
import { fieldName, locate } from '../runbooks/locate';
import type { RunbookError } from '../runbooks/load';
import { Policy } from './schema';

export const MAX_POLICY_BYTES = 256 * 1024;

export type PolicyError = RunbookError;

export class PolicyLoadError extends Error {
  constructor(readonly errors: readonly PolicyError[]) {
    super(errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.field === '' ? '' : `${e.field}: `}${e.message}`).join('\n'));
    this.name = 'PolicyLoadError';
  }
}

/** What the schema cannot say: actions are catalogue ids, service names are unique and match something. */
function crossIssues(p: Policy): ParamIssue[] {
  const out: ParamIssue[] = [];
  for (const id of Object.keys(p.actions)) {
    if (getAction(id) === undefined) out.push({ path: ['actions', id], message: `"${id}" is not in the action catalogue (${ACTION_IDS.join(', ')})` });
  }
  const seen = new Set<string>();
  p.services.forEach((s, i) => {
    if (seen.has(s.name)) out.push({ path: ['services', i, 'name'], message: `service "${s.name}" is listed twice` });
    seen.add(s.name);
    const m = s.match;
    if ((m.namespaces?.length ?? 0) + (m.names?.length ?? 0) + (m.targets?.length ?? 0) === 0) out.push({ path: ['services', i, 'match'], message: 'match at least one namespace, name or target' });
  });
  return out;
}

export function validatePolicy(raw: unknown): { ok: true; policy: Policy } | { ok: false; issues: ParamIssue[] } {
  const parsed = Policy.safeParse(raw);
  if (!parsed.success) return { ok: false, issues: issuesOf(parsed.error) };
  const cross = crossIssues(parsed.data);
  return cross.length > 0 ? { ok: false, issues: cross } : { ok: true, policy: parsed.data };
}

export function parsePolicyText(text: string, file: string): { policy: Policy | null; errors: PolicyError[] } {
  const at = (line: number, column: number, field: string, message: string): PolicyError => ({ file, line, column, field, message });
  if (Buffer.byteLength(text, 'utf8') > MAX_POLICY_BYTES) return { policy: null, errors: [at(1, 1, '', `larger than ${MAX_POLICY_BYTES / 1024} KiB`)] };
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, schema: 'core', customTags: [], uniqueKeys: true, prettyErrors: false });
  const errors = [...doc.errors, ...doc.warnings].map((e) => {
    const pos = e.linePos?.[0] ?? lines.linePos(e.pos[0]);
    return at(pos.line, pos.col, '', `YAML: ${e.message.split('\n')[0] ?? e.message}`);
  });
  visit(doc, {
    Alias(_, node) {
      const pos = lines.linePos(node.range?.[0] ?? 0);
      errors.push(at(pos.line, pos.col, '', 'YAML aliases (*name) are not accepted in a policy: write the value out'));
    },
  });
  if (errors.length > 0) return { policy: null, errors };
  if (doc.contents === null) return { policy: null, errors: [at(1, 1, '', 'empty file')] };
  const r = validatePolicy(doc.toJS());
  if (r.ok) return { policy: r.policy, errors: [] };
  const located = r.issues.map((i) => {
    const pos = locate(doc, lines, i.path);
    return at(pos.line, pos.column, fieldName(i.path), i.message);
  });
  located.sort((a, b) => a.line - b.line || a.column - b.column);
  return { policy: null, errors: located };
}

export function loadPolicyFile(file: string): { policy: Policy | null; errors: PolicyError[] } {
  const size = statSync(file).size;
  if (size > MAX_POLICY_BYTES) return { policy: null, errors: [{ file, line: 1, column: 1, field: '', message: `larger than ${MAX_POLICY_BYTES / 1024} KiB` }] };
  return parsePolicyText(readFileSync(file, 'utf8'), file);
}

/** The policy in `file`, or a PolicyLoadError listing every problem. */
export function readPolicy(file: string): Policy {
  const r = loadPolicyFile(file);
  if (r.policy === null) throw new PolicyLoadError(r.errors);
  return r.policy;
}
