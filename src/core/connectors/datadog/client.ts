/**
 * Live Datadog. Site from option `site` (datadoghq.com, datadoghq.eu, us3.datadoghq.com,
 * us5.datadoghq.com, ap1.datadoghq.com, ddog-gov.com → https://api.<site>); without it, the
 * connection's URL is used as is. Auth: API key + application key (DD-API-KEY,
 * DD-APPLICATION-KEY headers, from the connection's apiKey auth). Probe: `GET /api/v1/validate`.
 * fetchWindow: monitors (current state), events v1 in the window, logs search v2 (option
 * `logs_query`, default `status:(error OR warn)`, at most 1000 lines), and the metrics query of
 * option `metrics_query` when set.
 */
import type { Connection } from '../../../shared/connections';
import type { ParsedBatch } from '../../import/formats/types';
import type { FetchWindow, SourceClient } from '../../connections/source-client';
import { ConnectorError, httpJson } from '../common/http';
import { finishBatch } from '../kubernetes/batch';
import { inWindow, merge, parseLive, probeWith } from '../kubernetes/client-support';
import { isObj } from '../kubernetes/fields';
import { mapEventsV1 } from './events';
import { mapLogsSearch } from './logs';
import { mapMetricsQuery } from './metrics';
import { mapMonitors } from './monitors';

export const DATADOG_SITES = ['datadoghq.com', 'datadoghq.eu', 'us3.datadoghq.com', 'us5.datadoghq.com', 'ap1.datadoghq.com', 'ap2.datadoghq.com', 'ddog-gov.com'] as const;

export function siteUrl(site: string): string {
  const s = site.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/^(app|api)\./, '').replace(/\/+$/, '');
  const short: Record<string, string> = { us1: 'datadoghq.com', eu: 'datadoghq.eu', eu1: 'datadoghq.eu', us3: 'us3.datadoghq.com', us5: 'us5.datadoghq.com', ap1: 'ap1.datadoghq.com', ap2: 'ap2.datadoghq.com', gov: 'ddog-gov.com', 'us1-fed': 'ddog-gov.com' };
  const resolved = short[s] ?? s;
  if (!(DATADOG_SITES as readonly string[]).includes(resolved)) throw new ConnectorError('dns', `Unknown Datadog site "${site}": use one of ${DATADOG_SITES.join(', ')}`);
  return `https://api.${resolved}`;
}

const derived = new WeakMap<Connection, Connection>();
function target(conn: Connection): Connection {
  const site = conn.options.site;
  if (!site) return conn;
  let c = derived.get(conn);
  if (!c) {
    c = { ...conn, url: siteUrl(site) };
    derived.set(conn, c);
  }
  return c;
}

export const datadogClient: SourceClient = {
  kinds: ['datadog'],
  probe: (conn, signal) =>
    probeWith(async () => {
      const { json, latencyMs } = await httpJson(target(conn), { path: '/api/v1/validate', signal });
      if (!isObj(json) || json.valid !== true) throw new ConnectorError('bad_shape', 'Datadog did not confirm the API key (/api/v1/validate)');
      return { latencyMs, detail: `API key valid on ${new URL(target(conn).url).host}` };
    }),
  async fetchWindow(conn, window: FetchWindow, signal): Promise<ParsedBatch> {
    const c = target(conn);
    const fromS = Math.floor(window.from / 1000);
    const toS = Math.ceil(window.to / 1000);
    const monitors = await httpJson(c, { path: '/api/v1/monitor', signal });
    const events = await httpJson(c, { path: '/api/v1/events', query: { start: fromS, end: toS }, signal });
    const logs = await httpJson(c, {
      method: 'POST',
      path: '/api/v2/logs/events/search',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ filter: { from: new Date(window.from).toISOString(), to: new Date(window.to).toISOString(), query: conn.options.logs_query ?? 'status:(error OR warn)' }, page: { limit: 1000 }, sort: 'timestamp' }),
      signal,
    });
    const batches: ParsedBatch[] = [
      parseLive(() => finishBatch(mapMonitors(monitors.json, window.to), [], 'Datadog monitors')),
      parseLive(() => finishBatch(mapEventsV1(events.json), [], 'Datadog events')),
      parseLive(() => finishBatch(mapLogsSearch(logs.json), [], 'Datadog logs')),
    ];
    const q = conn.options.metrics_query;
    if (q) {
      const m = await httpJson(c, { path: '/api/v1/query', query: { from: fromS, to: toS, query: q }, signal });
      batches.push(parseLive(() => finishBatch([], mapMetricsQuery(m.json), 'Datadog metrics')));
    }
    const all = merge(batches);
    // monitors are current state: keep them even when their last change predates the window
    const alerts = all.events.filter((e) => e.kind === 'alert');
    const rest = inWindow({ events: all.events.filter((e) => e.kind !== 'alert'), series: all.series }, window.from, window.to);
    return { events: [...alerts, ...rest.events], series: rest.series };
  },
};
