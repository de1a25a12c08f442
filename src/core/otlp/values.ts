/**
 * OTLP AnyValue / KeyValue lists (JSON or decoded protobuf) → plain JS values, and plain values →
 * stored attributes (clamped, bounded). Lenient with snake_case field names.
 */
import type { AttrValue, Attrs } from '../../shared/events';
import { clampText } from '../connectors/common/text';
import { OTLP_LIMITS } from './limits';
import { field } from './fields';

/** A decoded attribute value: scalars, arrays (arrayValue) and objects (kvlistValue). */
export type Plain = string | number | boolean | null | Plain[] | { [k: string]: Plain };

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

/** int64 as JSON string or number, or a protobufjs Long-like → number (string when unsafe). */
export function int64(v: unknown): number | string | null {
  if (typeof v === 'number') return Number.isFinite(v) ? Math.trunc(v) : null;
  if (typeof v === 'string') {
    if (!/^-?\d{1,20}$/.test(v)) return null;
    const n = Number(v);
    return Number.isSafeInteger(n) ? n : v;
  }
  if (isObj(v) && typeof v.low === 'number' && typeof v.high === 'number') {
    const n = v.high * 4294967296 + (v.low >>> 0);
    return Number.isSafeInteger(n) ? n : String(n);
  }
  return null;
}

function bytesToB64(v: unknown): string | null {
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
  if (typeof v === 'string') return v;
  return null;
}

/** AnyValue → Plain. Unknown shapes become null; deeper than maxDepth becomes "[too deep]". */
export function anyValue(v: unknown, depth = 0): Plain {
  if (!isObj(v)) return null;
  if (depth > OTLP_LIMITS.maxDepth) return '[too deep]';
  const s = field(v, 'stringValue');
  if (typeof s === 'string') return s;
  const b = field(v, 'boolValue');
  if (typeof b === 'boolean') return b;
  const i = field(v, 'intValue');
  if (i !== undefined) return int64(i);
  const d = field(v, 'doubleValue');
  if (typeof d === 'number') return Number.isFinite(d) ? d : String(d);
  if (typeof d === 'string') return Number.isFinite(Number(d)) ? Number(d) : d; // "NaN", "Infinity"
  const arr = field(v, 'arrayValue');
  if (isObj(arr)) {
    const values = field(arr, 'values');
    if (!Array.isArray(values)) return [];
    return values.slice(0, OTLP_LIMITS.maxListEntries).map((x) => anyValue(x, depth + 1));
  }
  const kv = field(v, 'kvlistValue');
  if (isObj(kv)) return keyValues(field(kv, 'values'), depth + 1);
  const by = field(v, 'bytesValue');
  if (by !== undefined) return bytesToB64(by);
  return null;
}

/** A KeyValue list → object (later duplicates win; entries without a string key are skipped). */
export function keyValues(list: unknown, depth = 0): Record<string, Plain> {
  const out: Record<string, Plain> = {};
  if (!Array.isArray(list)) return out;
  const n = Math.min(list.length, depth === 0 ? list.length : OTLP_LIMITS.maxListEntries);
  for (let i = 0; i < n; i++) {
    const kv: unknown = list[i];
    if (!isObj(kv)) continue;
    const key = kv.key;
    if (typeof key !== 'string' || key === '__proto__') continue;
    out[key] = anyValue(kv.value, depth);
  }
  return out;
}

/** A Plain value as a stored attribute value: scalars as they are, structures as JSON, clamped. */
export function toAttrValue(v: unknown): AttrValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return clampText(v);
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (typeof v === 'boolean') return v;
  try {
    return clampText(JSON.stringify(v) ?? 'null');
  } catch {
    return '[unserialisable]';
  }
}

/**
 * Builds stored attributes: `extra` first (Sitrep's own summaries), then `attrs` in order, at most
 * OTLP_LIMITS.maxAttrs, with `sitrep.attrs_dropped` counting what did not fit.
 */
export function buildAttrs(attrs: Record<string, unknown>, extra?: Record<string, AttrValue>): Attrs {
  const out: Attrs = {};
  let n = 0;
  let dropped = 0;
  const put = (k: string, v: unknown): void => {
    if (n >= OTLP_LIMITS.maxAttrs) {
      dropped++;
      return;
    }
    const key = k.length > 256 ? k.slice(0, 256) : k;
    if (key === '__proto__') return;
    if (!(key in out)) n++;
    out[key] = toAttrValue(v);
  };
  if (extra) for (const k of Object.keys(extra)) put(k, extra[k]);
  for (const k of Object.keys(attrs)) put(k, attrs[k]);
  if (dropped > 0) out['sitrep.attrs_dropped'] = dropped;
  return out;
}
