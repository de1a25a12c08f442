/** Typed reads of span attributes whose producers disagree on types (Langfuse stringifies everything). */
import { createHash } from 'node:crypto';

export type AttrMap = Record<string, unknown>;

/** The first present, non-empty string among `keys` (numbers are accepted and stringified). */
export function firstStr(a: AttrMap, ...keys: string[]): string | undefined {
  for (const k of keys) {
    const v = a[k];
    if (typeof v === 'string' && v !== '') return v;
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  }
  return undefined;
}

/** The first non-negative integer among `keys` (numbers or numeric strings). */
export function firstInt(a: AttrMap, ...keys: string[]): number | undefined {
  for (const k of keys) {
    const v = a[k];
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(v) ? Number(v) : NaN;
    if (Number.isFinite(n) && n >= 0) return Math.min(Math.round(n), Number.MAX_SAFE_INTEGER);
  }
  return undefined;
}

/** The first finite number among `keys`. */
export function firstNum(a: AttrMap, ...keys: string[]): number | undefined {
  for (const k of keys) {
    const v = a[k];
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    if (Number.isFinite(n)) return n;
  }
  return undefined;
}

export function flag(a: AttrMap, key: string): boolean | undefined {
  const v = a[key];
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return undefined;
}

/**
 * A string list: an array, a JSON array string ('["stop"]'), a Python repr ("['stop']") or a
 * single string.
 */
export function strList(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  if (typeof v !== 'string' || v === '') return [];
  const t = v.trim();
  if (t.startsWith('[') && t.endsWith(']')) {
    const inner = t.slice(1, -1).trim();
    if (inner === '') return [];
    return inner.split(',').map((x) => x.trim().replace(/^["']|["']$/g, ''));
  }
  return [t];
}

/** A preview text of a value that may be a string or a structure. */
export function textOf(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v === '' ? undefined : v;
  try {
    return JSON.stringify(v);
  } catch {
    return undefined;
  }
}

/** sha256 of the arguments text: the digest is all Sitrep keeps to compare calls, never the arguments themselves. */
export function digest(text: string | undefined): string {
  if (text === undefined) return 'none';
  return 'sha256:' + createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Indexed deprecated content attributes (gen_ai.prompt.0.role / .content…) joined as "role: content" lines. */
export function indexedMessages(a: AttrMap, prefix: string): string | undefined {
  const lines: string[] = [];
  for (let i = 0; i < 200; i++) {
    const content = a[`${prefix}.${i}.content`];
    const role = a[`${prefix}.${i}.role`];
    if (content === undefined && role === undefined) break;
    lines.push(`${typeof role === 'string' ? role : '?'}: ${textOf(content) ?? ''}`);
  }
  return lines.length > 0 ? lines.join('\n') : undefined;
}
