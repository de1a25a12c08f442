/**
 * Parser of Prometheus HTTP API answers (`/api/v1/query`, `/api/v1/query_range`), as served by
 * Prometheus, VictoriaMetrics, Thanos and Mimir, and as saved to files.
 *
 * Limits (a hostile or runaway answer is cut, never a crash):
 * - at most LIMITS.maxSeries series per query (the rest are dropped and counted in `warnings`);
 * - at most LIMITS.maxPointsPerSeries points per series (the rest dropped, counted);
 * - at most LIMITS.maxLabels labels per series (sorted by name, the rest dropped); label names
 *   clamped to 256 characters, values to MAX_SHORT (512), visibly (`…[truncated]`);
 * - values are strings: "NaN", "+Inf", "-Inf" and anything unparsable are dropped points;
 *   timestamps (seconds, float) outside 0 … year 275760 are dropped points.
 * Shape errors throw ConnectorError('bad_shape'); an error envelope (`status: "error"`) throws
 * PromQueryError with Prometheus's errorType and message.
 */
import { MAX_SHORT } from '../../../shared/events';
import { ConnectorError } from '../common/http';
import { clampShort, clampText } from '../common/text';

export const LIMITS = {
  maxSeries: 500,
  maxPointsPerSeries: 11_000,
  maxLabels: 64,
  maxLabelName: 256,
  maxLabelValue: MAX_SHORT,
} as const;

export type ResultType = 'matrix' | 'vector' | 'scalar' | 'string';

export interface PromSeries {
  /** Labels, `__name__` included when the server sent it. */
  metric: Record<string, string>;
  /** [ms epoch, value], finite values only, in the server's order. */
  points: [number, number][];
}

export interface PromResult {
  resultType: ResultType;
  series: PromSeries[];
  /** Server warnings plus what the limits dropped. */
  warnings: string[];
}

/** Prometheus answered with its error envelope: `{status: "error", errorType, error}`. */
export class PromQueryError extends ConnectorError {
  constructor(
    readonly errorType: string,
    message: string,
    status?: number,
  ) {
    super('http', message, status);
    this.name = 'PromQueryError';
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const MAX_TS_SEC = 8_640_000_000_000 / 1000;

/** A sample value string → finite number, or null (NaN, ±Inf, garbage). */
export function parseValue(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string' || v.length > 64) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

/** A [ts seconds, "value"] pair → [ms, value], or null when either is unusable. */
export function parsePair(p: unknown): [number, number] | null {
  if (!Array.isArray(p) || p.length < 2) return null;
  const t = typeof p[0] === 'string' ? Number(p[0]) : p[0];
  if (typeof t !== 'number' || !Number.isFinite(t) || t < 0 || t > MAX_TS_SEC) return null;
  const v = parseValue(p[1]);
  return v === null ? null : [Math.round(t * 1000), v];
}

/** Clamps a label set to the limits; non-string values are dropped. */
export function clampLabels(raw: unknown): { labels: Record<string, string>; dropped: number } {
  const labels: Record<string, string> = {};
  if (!isObj(raw)) return { labels, dropped: 0 };
  const keys = Object.keys(raw).sort();
  let dropped = 0;
  for (const k of keys) {
    const v = raw[k];
    if (typeof v !== 'string') {
      dropped++;
      continue;
    }
    if (Object.keys(labels).length >= LIMITS.maxLabels) {
      dropped++;
      continue;
    }
    labels[clampText(k, LIMITS.maxLabelName)] = clampShort(v);
  }
  return { labels, dropped };
}

function parseMatrixItem(item: unknown, i: number, warn: (w: string) => void): PromSeries {
  if (!isObj(item)) throw new ConnectorError('bad_shape', `result[${i}] is not an object`);
  const { labels, dropped } = clampLabels(item.metric);
  if (dropped > 0) warn(`result[${i}]: ${dropped} labels dropped (limit ${LIMITS.maxLabels})`);
  const raw = item.values;
  if (raw === undefined && item.histograms !== undefined) {
    warn(`result[${i}]: native histogram samples are not supported and were skipped`);
    return { metric: labels, points: [] };
  }
  if (!Array.isArray(raw)) throw new ConnectorError('bad_shape', `result[${i}].values is not an array`);
  const points: [number, number][] = [];
  let bad = 0;
  for (const p of raw) {
    if (points.length >= LIMITS.maxPointsPerSeries) {
      warn(`result[${i}]: points beyond ${LIMITS.maxPointsPerSeries} dropped`);
      break;
    }
    const pair = parsePair(p);
    if (pair) points.push(pair);
    else bad++;
  }
  if (bad > 0) warn(`result[${i}]: ${bad} NaN/Inf or invalid points dropped`);
  return { metric: labels, points };
}

function parseVectorItem(item: unknown, i: number, warn: (w: string) => void): PromSeries {
  if (!isObj(item)) throw new ConnectorError('bad_shape', `result[${i}] is not an object`);
  const { labels, dropped } = clampLabels(item.metric);
  if (dropped > 0) warn(`result[${i}]: ${dropped} labels dropped (limit ${LIMITS.maxLabels})`);
  if (item.value === undefined && item.histogram !== undefined) {
    warn(`result[${i}]: native histogram sample skipped`);
    return { metric: labels, points: [] };
  }
  if (!Array.isArray(item.value)) throw new ConnectorError('bad_shape', `result[${i}].value is not a [time, value] pair`);
  const pair = parsePair(item.value);
  if (!pair) warn(`result[${i}]: NaN/Inf or invalid sample dropped`);
  return { metric: labels, points: pair ? [pair] : [] };
}

/** Parses `data` of a success envelope (`{resultType, result}`). */
export function parseData(data: unknown, warnings: string[] = []): PromResult {
  if (!isObj(data)) throw new ConnectorError('bad_shape', 'Prometheus API answer has no `data` object');
  const rt = data.resultType;
  const warn = (w: string): void => {
    if (warnings.length < 100) warnings.push(w);
  };
  const result = data.result;
  switch (rt) {
    case 'matrix':
    case 'vector': {
      if (!Array.isArray(result)) throw new ConnectorError('bad_shape', `data.result of a ${rt} is not an array`);
      if (result.length > LIMITS.maxSeries) warn(`${result.length - LIMITS.maxSeries} series dropped (limit ${LIMITS.maxSeries} per query)`);
      const series: PromSeries[] = [];
      const n = Math.min(result.length, LIMITS.maxSeries);
      for (let i = 0; i < n; i++) series.push(rt === 'matrix' ? parseMatrixItem(result[i], i, warn) : parseVectorItem(result[i], i, warn));
      return { resultType: rt, series, warnings };
    }
    case 'scalar': {
      const pair = parsePair(result);
      if (!Array.isArray(result)) throw new ConnectorError('bad_shape', 'data.result of a scalar is not a [time, value] pair');
      return { resultType: rt, series: pair ? [{ metric: {}, points: [pair] }] : [], warnings };
    }
    case 'string':
      if (!Array.isArray(result)) throw new ConnectorError('bad_shape', 'data.result of a string is not a [time, value] pair');
      warn('string results carry no numeric samples');
      return { resultType: rt, series: [], warnings };
    default:
      throw new ConnectorError('bad_shape', `Unknown resultType ${JSON.stringify(rt)?.slice(0, 40) ?? 'undefined'}: not a Prometheus API answer`);
  }
}

/** True when `json` looks like a Prometheus API envelope (success or error). */
export function isPromEnvelope(json: unknown): json is Record<string, unknown> {
  return isObj(json) && (json.status === 'success' || json.status === 'error');
}

/** Parses a whole envelope; throws PromQueryError on `status: "error"`, ConnectorError('bad_shape') otherwise. */
export function parseEnvelope(json: unknown, httpStatus?: number): PromResult {
  if (!isPromEnvelope(json)) throw new ConnectorError('bad_shape', 'Not a Prometheus API answer (no `status: success|error`)');
  if (json.status === 'error') {
    const type = typeof json.errorType === 'string' ? clampShort(json.errorType) : 'error';
    const msg = typeof json.error === 'string' ? clampText(json.error, 2000) : 'unknown error';
    throw new PromQueryError(type, `Prometheus rejected the query (${type}): ${msg}`, httpStatus);
  }
  const warnings: string[] = [];
  if (Array.isArray(json.warnings)) for (const w of json.warnings.slice(0, 20)) if (typeof w === 'string') warnings.push(clampText(w, 2000));
  return parseData(json.data, warnings);
}
