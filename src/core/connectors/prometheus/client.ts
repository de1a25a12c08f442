/**
 * The Prometheus HTTP API client (Prometheus, VictoriaMetrics, Thanos, Mimir): a probe for the
 * Test button, `query_range`, and the incident window through the metric packs.
 *
 * - Steps: the window gets at most MAX_POINTS (1,100) points per series, the step never below
 *   1 s, rounded up to a "nice" value, and the range aligned to it so repeated polls hit the
 *   same timestamps (and the server's cache).
 * - Long queries (> GET_MAX_QUERY characters) are POSTed form-encoded.
 * - Limits per answer: see ./api.ts.
 */
import type { Connection, ProbeResult } from '../../../shared/connections';
import type { FetchWindow, SourceClient } from '../../connections/source-client';
import type { ParsedBatch } from '../../import/formats/types';
import { ConnectorError, httpRequest, type HttpOptions } from '../common/http';
import { isPromEnvelope, parseEnvelope, PromQueryError, type PromResult } from './api';
import { METRIC_PACKS } from './packs/index';
import { expandQuery, type MetricPack } from './packs/types';
import { addSeries } from './series';

export const MAX_POINTS = 1100;
export const GET_MAX_QUERY = 1500;
const NICE_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

/** Step in seconds so that [from, to] has at most `maxPoints` points: ≥ 1 s, a nice value. */
export function chooseStep(fromMs: number, toMs: number, maxPoints = MAX_POINTS): number {
  const span = Math.max(0, toMs - fromMs) / 1000;
  const raw = Math.max(1, Math.ceil(span / Math.max(1, maxPoints - 1)));
  return NICE_STEPS.find((s) => s >= raw) ?? Math.ceil(raw / 86400) * 86400;
}

/** [from, to] in seconds, aligned outward to multiples of the step. */
export function alignRange(fromMs: number, toMs: number, stepSec: number): { start: number; end: number } {
  return { start: Math.floor(fromMs / 1000 / stepSec) * stepSec, end: Math.ceil(toMs / 1000 / stepSec) * stepSec };
}

async function apiCall(conn: Connection, path: string, params: Record<string, string>, signal?: AbortSignal): Promise<{ json: unknown; latencyMs: number; status: number }> {
  const long = (params.query?.length ?? 0) > GET_MAX_QUERY;
  const opts: HttpOptions = long
    ? {
        method: 'POST',
        path,
        body: new URLSearchParams(params).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        ...(signal ? { signal } : {}),
      }
    : { method: 'GET', path, query: params, ...(signal ? { signal } : {}) };
  const r = await httpRequest(conn, opts);
  let json: unknown;
  try {
    json = JSON.parse(r.text);
  } catch {
    if (r.status >= 200 && r.status < 300) throw new ConnectorError('bad_shape', `Expected Prometheus API JSON from ${path}, got: ${r.text.slice(0, 120)}`);
    throw new ConnectorError('http', `HTTP ${r.status} from ${path}: ${r.text.slice(0, 300)}`, r.status);
  }
  // Prometheus answers 400/422/503 with its error envelope: keep its message.
  if ((r.status < 200 || r.status >= 300) && !isPromEnvelope(json)) {
    throw new ConnectorError('http', `HTTP ${r.status} from ${path}: ${r.text.slice(0, 300)}`, r.status);
  }
  return { json, latencyMs: r.latencyMs, status: r.status };
}

/** `/api/v1/query_range`; times in ms epoch, step in seconds. Throws ConnectorError / PromQueryError. */
export async function queryRange(conn: Connection, promql: string, fromMs: number, toMs: number, stepSec: number, signal?: AbortSignal): Promise<PromResult> {
  const params = { query: promql, start: (fromMs / 1000).toString(), end: (toMs / 1000).toString(), step: `${stepSec}` };
  const r = await apiCall(conn, '/api/v1/query_range', params, signal);
  return parseEnvelope(r.json, r.status);
}

/** `/api/v1/query` at `atMs` (default: the server's now). */
export async function queryInstant(conn: Connection, promql: string, atMs?: number, signal?: AbortSignal): Promise<PromResult> {
  const params: Record<string, string> = { query: promql };
  if (atMs !== undefined) params.time = (atMs / 1000).toString();
  const r = await apiCall(conn, '/api/v1/query', params, signal);
  return parseEnvelope(r.json, r.status);
}

function probeFailure(err: unknown, latencyMs: number | null): ProbeResult {
  if (err instanceof ConnectorError) return { ok: false, code: err.code, message: err.message, latencyMs };
  return { ok: false, code: 'network', message: err instanceof Error ? err.message : String(err), latencyMs };
}

/** buildinfo first (Prometheus, Thanos); `vector(1)` for servers without it (some VictoriaMetrics and Mimir setups). */
export async function probe(conn: Connection, signal?: AbortSignal): Promise<ProbeResult> {
  const t0 = performance.now();
  try {
    const r = await apiCall(conn, '/api/v1/status/buildinfo', {}, signal).catch((e: unknown) => {
      if (e instanceof ConnectorError && (e.code === 'http' || e.code === 'bad_shape')) return null;
      throw e;
    });
    if (r && isPromEnvelope(r.json) && r.json.status === 'success') {
      const data = r.json.data as { version?: unknown } | undefined;
      // VictoriaMetrics answers buildinfo with an empty `data`: confirm with a query below.
      if (typeof data?.version === 'string' && data.version !== '') {
        return { ok: true, latencyMs: r.latencyMs, detail: `Prometheus API, version ${data.version.slice(0, 64)}` };
      }
    }
    const q = await apiCall(conn, '/api/v1/query', { query: 'vector(1)' }, signal).catch((e: unknown) => {
      if (e instanceof ConnectorError && e.code === 'http' && (e.status === 404 || e.status === 405)) {
        throw new ConnectorError('bad_shape', `No Prometheus API at ${conn.url} (HTTP ${e.status} for /api/v1/query)`, e.status);
      }
      throw e;
    });
    const res = parseEnvelope(q.json, q.status);
    if (res.resultType !== 'vector' || res.series[0]?.points[0]?.[1] !== 1) {
      throw new ConnectorError('bad_shape', `${conn.url} answered vector(1) with something else: not a Prometheus-compatible API`);
    }
    return { ok: true, latencyMs: q.latencyMs, detail: 'Prometheus-compatible API (no buildinfo; vector(1) answered)' };
  } catch (err) {
    const elapsed = performance.now() - t0;
    return probeFailure(err, err instanceof ConnectorError && err.code !== 'refused' && err.code !== 'dns' ? elapsed : null);
  }
}

export interface PackWindowResult {
  batch: ParsedBatch;
  stepSec: number;
  /** Per query: warnings and query errors (a rejected query does not fail the window). */
  warnings: string[];
}

/**
 * Runs every pack query for the window. Transport failures (refused, 401, timeout…) throw;
 * a query the server rejects (e.g. a function it lacks) is skipped with a warning.
 */
export async function fetchPacks(conn: Connection, window: FetchWindow, packs: readonly MetricPack[] = METRIC_PACKS, signal?: AbortSignal): Promise<PackWindowResult> {
  const stepSec = chooseStep(window.from, window.to);
  const { start, end } = alignRange(window.from, window.to, stepSec);
  const batch: ParsedBatch = { events: [], series: [] };
  const warnings: string[] = [];
  for (const pack of packs) {
    for (const q of pack.queries) {
      let res: PromResult;
      try {
        res = await queryRange(conn, expandQuery(q, stepSec), start * 1000, end * 1000, stepSec, signal);
      } catch (err) {
        if (err instanceof PromQueryError) {
          warnings.push(`${q.id}: ${err.message}`);
          continue;
        }
        throw err;
      }
      for (const w of res.warnings) warnings.push(`${q.id}: ${w}`);
      for (const s of res.series) addSeries(q, s.metric, s.points, batch);
    }
  }
  return { batch, stepSec, warnings };
}

export const prometheusClient: SourceClient = {
  kinds: ['prometheus', 'victoriametrics'],
  probe,
  async fetchWindow(conn, window, signal) {
    return (await fetchPacks(conn, window, METRIC_PACKS, signal)).batch;
  },
};
