/** Small readers over untrusted JSON: each names the path it failed at. */
import { ImportError } from '../../import/formats/types';

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function obj(v: unknown, path: string): Obj {
  if (!isObj(v)) throw new ImportError(`${path}: expected an object, got ${kindOf(v)}`, { path });
  return v;
}

export function arr(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) throw new ImportError(`${path}: expected an array, got ${kindOf(v)}`, { path });
  return v;
}

export function str(v: unknown, path: string): string {
  if (typeof v !== 'string') throw new ImportError(`${path}: expected a string, got ${kindOf(v)}`, { path });
  return v;
}

/** A string, a finite number (stringified) or undefined; anything else is undefined. */
export function optStr(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

export function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/** A string map: only string (or number/boolean) values are kept. */
export function stringMap(v: unknown, path: string): Record<string, string> {
  if (v === undefined || v === null) return {};
  const o = obj(v, path);
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(o)) {
    if (typeof val === 'string') out[k] = val;
    else if (typeof val === 'number' || typeof val === 'boolean') out[k] = String(val);
  }
  return out;
}

/**
 * A timestamp as RFC 3339 text (nanoseconds and offsets allowed), or epoch seconds/ms/µs/ns as a
 * number or numeric string; Go's zero time (0001-01-01) and empty strings are "absent".
 */
export function parseTime(v: unknown, path: string): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'number' || (typeof v === 'string' && /^\d+(\.\d+)?$/.test(v))) {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) return undefined;
    const ms = n >= 1e17 ? Math.floor(n / 1e6) : n >= 1e14 ? Math.floor(n / 1e3) : n >= 1e11 ? Math.floor(n) : Math.floor(n * 1000); // ns, µs, ms, s
    if (ms > 8_640_000_000_000) throw new ImportError(`${path}: timestamp out of range: ${String(v).slice(0, 64)}`, { path });
    return ms;
  }
  if (typeof v !== 'string') throw new ImportError(`${path}: expected a timestamp, got ${kindOf(v)}`, { path });
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw new ImportError(`${path}: not a timestamp: ${JSON.stringify(v.slice(0, 64))}`, { path });
  if (t <= 0) return undefined;
  if (t > 8_640_000_000_000) throw new ImportError(`${path}: timestamp out of range: ${v.slice(0, 64)}`, { path });
  return t;
}
