/**
 * JSON and JSON Lines recognition for the pipeline: depth-checked before JSON.parse, and every
 * syntax error turned into an ImportError with its line and byte offset.
 */
import { checkJsonDepth } from '../depth';
import { ImportError, type ParsedInput } from '../formats/types';
import { jsonErrorIndex } from './json-locate';
import { throwIfCancelled } from './read-file';

type Parsed = { ok: true; value: unknown } | { ok: false; message: string; pos: number };

/** Parses `text`; `pos` of a failure is a UTF-16 index into `text`. */
export function parseJsonText(text: string, maxDepth: number): Parsed {
  const depth = checkJsonDepth(text, maxDepth);
  if (!depth.ok) return { ok: false, message: `nested deeper than ${maxDepth} levels`, pos: depth.offset };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    const message = (e as Error).message;
    const m = /position (\d+)/.exec(message);
    const found = m?.[1] !== undefined ? Number(m[1]) : jsonErrorIndex(text);
    const pos = found < 0 ? text.length : found;
    return { ok: false, message: `invalid JSON: ${message.replace(/ in JSON at position \d+.*$/, '').replace(/, ".*" is not valid JSON$/s, '')}`, pos };
  }
}

/** 1-based line and UTF-8 byte offset of a UTF-16 index into `text`. */
export function locate(text: string, pos: number): { line: number; offset: number } {
  let line = 1;
  let from = 0;
  for (;;) {
    const nl = text.indexOf('\n', from);
    if (nl === -1 || nl >= pos) break;
    line++;
    from = nl + 1;
  }
  return { line, offset: Buffer.byteLength(text.slice(0, Math.min(pos, text.length)), 'utf8') };
}

export function jsonError(text: string, base: number, p: { message: string; pos: number }): ImportError {
  const where = locate(text, base + p.pos);
  return new ImportError(`${p.message} (line ${where.line}, byte offset ${where.offset})`, where);
}

export const startsJson = (s: string): boolean => /^\s*[[{]/.test(s);

/** Index just after the `k`-th newline, or -1. */
function afterLines(text: string, k: number): number {
  let at = 0;
  for (let i = 0; i < k; i++) {
    const nl = text.indexOf('\n', at);
    if (nl === -1) return -1;
    at = nl + 1;
  }
  return at;
}

/** A JSON document after 1…maxSkip leading lines; the last candidate's error when none parses. */
export function trySkipLines(text: string, maxSkip: number, maxDepth: number): { input: ParsedInput } | { error: ImportError } | null {
  let error: ImportError | null = null;
  for (let k = 1; k <= maxSkip; k++) {
    const at = afterLines(text, k);
    if (at === -1) break;
    // A skipped (metadata) line is text, or a whole JSON value; never the start of a broken document.
    const skippedLine = text.slice(afterLines(text, k - 1), at);
    if (startsJson(skippedLine) && !parseJsonText(skippedLine, maxDepth).ok) break;
    const rest = text.slice(at);
    if (!startsJson(rest)) continue;
    const p = parseJsonText(rest, maxDepth);
    if (p.ok) return { input: { kind: 'json', doc: p.value, skippedLines: k } };
    error = jsonError(text, at, p);
  }
  return error ? { error } : null;
}

/**
 * JSON Lines: when the first non-empty line is a JSON value on its own and more lines follow.
 * Returns null when the file does not look like JSON Lines, an error naming the first bad line.
 */
export async function tryJsonLines(
  text: string,
  maxDepth: number,
  signal?: AbortSignal,
): Promise<{ input: ParsedInput } | { error: ImportError } | null> {
  const lines: { line: number; value: unknown }[] = [];
  let start = 0;
  let lineNo = 0;
  let nonEmpty = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    lineNo++;
    let raw = text.slice(start, end);
    if (raw.endsWith('\r')) raw = raw.slice(0, -1);
    if (raw.trim() !== '') {
      nonEmpty++;
      const p = parseJsonText(raw, maxDepth);
      if (!p.ok) {
        if (nonEmpty === 1) return null;
        return { error: jsonError(text, start, { message: `line ${lineNo}: ${p.message}`, pos: p.pos }) };
      }
      lines.push({ line: lineNo, value: p.value });
      if (lines.length % 20_000 === 0) {
        await new Promise<void>((r) => setImmediate(r));
        throwIfCancelled(signal);
      }
    }
    start = end + 1;
  }
  return nonEmpty > 1 ? { input: { kind: 'jsonl', lines } } : null;
}
