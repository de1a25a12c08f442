/**
 * Imports a file in Sitrep's own JSON format (see docs/formats/sitrep-json.md): one JSON document
 * or JSON Lines. All or nothing by default: a file with any invalid record writes nothing.
 * JSON Lines are validated in a first streaming pass and written in a second, so neither pass
 * holds more than one line; `partial` writes the valid lines of a file that also has bad ones.
 * A JSON document is always all or nothing.
 */
import { open, readFile, stat } from 'node:fs/promises';
import type { EventStore } from '../store/api';
import { checkJsonDepth } from './depth';
import { DEFAULT_LIMITS, type ImportLimits } from './limits';
import { readLines, type Line } from './lines';
import { checkDocument, checkLine, type ImportRecord } from './records';
import { emptyReport, type ImportError, type ImportReport } from './report';
import { writeRecords } from './write';

export interface ImportOptions {
  /** JSON Lines only: import the valid lines even when some are invalid. */
  partial?: boolean;
  format?: 'auto' | 'json' | 'jsonl';
  limits?: Partial<ImportLimits>;
  batchSize?: number;
}

export type ImportTarget = Pick<EventStore, 'bulk' | 'upsertIncident'>;

const utf8 = new TextDecoder('utf-8', { fatal: true });

function jsonErrorLine(text: string, message: string): number | undefined {
  const m = /position (\d+)/.exec(message);
  if (!m?.[1]) return undefined;
  const pos = Number(m[1]);
  let line = 1;
  for (let i = 0; i < pos && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Parses one JSON text after the depth check; an error message otherwise. */
function parseJson(text: string, maxDepth: number): { ok: true; value: unknown } | { ok: false; message: string } {
  const depth = checkJsonDepth(text, maxDepth);
  if (!depth.ok) return { ok: false, message: `nested deeper than ${maxDepth} levels` };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, message: `invalid JSON: ${(e as Error).message}` };
  }
}

async function sniff(path: string): Promise<'json' | 'jsonl'> {
  if (/\.(jsonl|ndjson)$/i.test(path)) return 'jsonl';
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const head = buf.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '');
    const nl = head.indexOf('\n');
    if (nl === -1) return 'json';
    const first = head.slice(0, nl).trim();
    const parsed = parseJson(first, 64);
    if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) return 'json';
    const keys = Object.keys(parsed.value);
    return keys.length === 1 && ['event', 'series', 'incident', 'sitrep'].includes(keys[0] ?? '') ? 'jsonl' : 'json';
  } finally {
    await fh.close();
  }
}

export async function importFile(store: ImportTarget, path: string, opts: ImportOptions = {}): Promise<ImportReport> {
  const started = performance.now();
  const limits: ImportLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  const report = emptyReport(path);
  const addError = (e: ImportError): void => {
    report.errorCount++;
    if (report.errors.length < limits.maxErrors) report.errors.push(e);
  };
  const finish = (): ImportReport => {
    report.ok = report.errorCount === 0;
    report.tookMs = Math.round(performance.now() - started);
    return report;
  };
  try {
    const info = await stat(path);
    if (!info.isFile()) {
      addError({ message: 'not a regular file' });
      return finish();
    }
    report.format = opts.format && opts.format !== 'auto' ? opts.format : await sniff(path);
    if (report.format === 'jsonl') {
      if (info.size > limits.maxJsonlBytes) addError({ message: `file is ${info.size} bytes; the limit for JSON Lines is ${limits.maxJsonlBytes}` });
      else await importLines(store, path, limits, opts, report, addError);
    } else {
      if (info.size > limits.maxDocumentBytes) {
        addError({ message: `file is ${info.size} bytes; the limit for one JSON document is ${limits.maxDocumentBytes} (use JSON Lines for larger files)` });
      } else await importDocument(store, path, limits, opts, report, addError);
    }
  } catch (e) {
    addError({ message: (e as Error).message });
  }
  return finish();
}

async function importDocument(
  store: ImportTarget,
  path: string,
  limits: ImportLimits,
  opts: ImportOptions,
  report: ImportReport,
  addError: (e: ImportError) => void,
): Promise<void> {
  const bytes = await readFile(path);
  if (bytes.length > limits.maxDocumentBytes) return addError({ message: 'file grew past the size limit while reading' });
  let text: string;
  try {
    text = utf8.decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return addError({ message: 'file is not valid UTF-8' });
  }
  if (text.trim() === '') return addError({ message: 'file is empty' });
  const parsed = parseJson(text, limits.maxDepth);
  if (!parsed.ok) return addError({ line: jsonErrorLine(text, parsed.message), message: parsed.message });
  let bad = false;
  const records = checkDocument(parsed.value, (field, message) => {
    bad = true;
    addError({ field, message });
  });
  if (bad) return;
  writeRecords(store, records, report, opts.batchSize);
}

async function importLines(
  store: ImportTarget,
  path: string,
  limits: ImportLimits,
  opts: ImportOptions,
  report: ImportReport,
  addError: (e: ImportError) => void,
): Promise<void> {
  const check = (line: Line) => {
    if ('error' in line) {
      return {
        ok: false as const,
        message: line.error === 'too_long' ? `line longer than ${limits.maxLineBytes} bytes` : 'line is not valid UTF-8',
      };
    }
    const text = line.lineNo === 1 ? line.text.replace(/^\uFEFF/, '') : line.text;
    if (text.trim() === '') return { ok: true as const, record: null };
    const parsed = parseJson(text, limits.maxDepth);
    if (!parsed.ok) return { ok: false as const, message: parsed.message };
    const c = checkLine(parsed.value);
    return c.ok ? { ok: true as const, record: c.record } : { ok: false as const, field: c.field, message: c.message };
  };

  let valid = 0;
  for await (const line of readLines(path, limits.maxLineBytes)) {
    const c = check(line);
    if (!c.ok) addError({ line: line.lineNo, field: 'field' in c ? c.field : undefined, message: c.message });
    else if (c.record) valid++;
  }
  if ((report.errorCount > 0 && !opts.partial) || valid === 0) return;

  async function* validRecords(): AsyncGenerator<ImportRecord> {
    for await (const line of readLines(path, limits.maxLineBytes)) {
      const c = check(line);
      if (c.ok && c.record) yield c.record;
    }
  }
  await writeRecords(store, validRecords(), report, opts.batchSize);
}
