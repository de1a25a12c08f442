/**
 * Tolerant field access for the Kubernetes-shaped documents (and the other JSON payloads) the
 * Loki, Datadog, Kubernetes, Argo CD and GitHub connectors read. Input is `unknown`: these helpers
 * never throw, they return undefined for a missing or wrongly-typed field, and every string they
 * hand on is clamped (see ../common/text.ts).
 */
import { clampShort, clampText } from '../common/text';

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function obj(v: unknown): Obj {
  return isObj(v) ? v : {};
}

export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** A short string (≤ MAX_SHORT, clamped) or undefined; numbers are stringified. */
export function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v === '' ? undefined : clampShort(v);
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** A long string (≤ MAX_TEXT, clamped) or undefined. */
export function text(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? clampText(v) : undefined;
}

export function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

const MAX_EPOCH_MS = 8_640_000_000_000;

/** ISO-8601 string, Date object (client-node deserialises timestamps to Dates) → ms epoch. */
export function time(v: unknown): number | undefined {
  let ms: number | undefined;
  if (v instanceof Date) ms = v.getTime();
  else if (typeof v === 'string' && v.length <= 64 && /^\d{4}-\d\d-\d\d/.test(v)) ms = Date.parse(v);
  if (ms === undefined || !Number.isFinite(ms) || ms < 0 || ms > MAX_EPOCH_MS) return undefined;
  return Math.floor(ms);
}

/** A string map (labels, annotations) with clamped values; non-string values are dropped. */
export function strMap(v: unknown, max = 64): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isObj(v)) return out;
  let n = 0;
  for (const [k, val] of Object.entries(v)) {
    if (n >= max) break;
    const s = typeof val === 'string' ? clampShort(val) : typeof val === 'number' || typeof val === 'boolean' ? String(val) : undefined;
    if (s === undefined) continue;
    out[k.slice(0, 256)] = s;
    n++;
  }
  return out;
}

/** FNV-1a 32-bit hex of a string: short, stable ids for deduplication. */
export function hash32(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
