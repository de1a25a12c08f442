/** Trace/span ids (hex in OTLP/JSON, bytes in protobuf) and unix-nanosecond timestamps. */
import { OTLP_LIMITS } from './limits';

/** Lower-case hex id, '' when absent or all zero, null when malformed. */
export function hexId(v: unknown, maxHex: number): string | null {
  if (v === undefined || v === null) return '';
  let hex: string;
  if (typeof v === 'string') {
    if (v === '') return '';
    if (v.length > maxHex || !/^[0-9a-fA-F]+$/.test(v)) return null;
    hex = v.toLowerCase();
  } else if (v instanceof Uint8Array) {
    if (v.byteLength === 0) return '';
    if (v.byteLength * 2 > maxHex) return null;
    hex = Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex');
  } else return null;
  return /^0+$/.test(hex) ? '' : hex;
}

export const traceIdOf = (v: unknown): string | null => hexId(v, OTLP_LIMITS.maxTraceIdHex);
export const spanIdOf = (v: unknown): string | null => hexId(v, OTLP_LIMITS.maxSpanIdHex);

const MAX_MS = 8_640_000_000_000;

/**
 * Unix nanoseconds (decimal string, number, or a Long-like {low, high}) → fractional ms; null
 * when absent, zero, malformed or out of range. Precision: doubles keep ~0.25 µs at today's epoch.
 */
export function nanosToMs(v: unknown): number | null {
  let n: number;
  if (typeof v === 'string') {
    if (!/^\d{1,20}$/.test(v)) return null;
    n = Number(v);
  } else if (typeof v === 'number') n = v;
  else if (typeof v === 'object' && v !== null && 'low' in v && 'high' in v) {
    const { low, high } = v as { low: unknown; high: unknown };
    if (typeof low !== 'number' || typeof high !== 'number') return null;
    n = (high >>> 0) * 4294967296 + (low >>> 0);
  } else return null;
  if (!Number.isFinite(n) || n <= 0) return null;
  const ms = n / 1e6;
  return ms > MAX_MS ? null : ms;
}
