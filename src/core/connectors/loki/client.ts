/**
 * Live Loki: `GET /loki/api/v1/query_range` for the incident window. Options: `selector` (LogQL,
 * default below), `limit` (default 5000, at most 50000), `direction` (backward|forward, default
 * backward). Timestamps go out as nanosecond epoch strings. Probe: `/loki/api/v1/labels`.
 */
import type { Connection } from '../../../shared/connections';
import type { ParsedBatch } from '../../import/formats/types';
import type { FetchWindow, SourceClient } from '../../connections/source-client';
import { ConnectorError, httpJson } from '../common/http';
import { inWindow, parseLive, probeWith } from '../kubernetes/client-support';
import { isObj } from '../kubernetes/fields';
import { parseLoki } from './parse';

export const DEFAULT_SELECTOR = '{service_name=~".+"} |~ "(?i)error|warn"';
const ns = (ms: number): string => (BigInt(Math.floor(ms)) * 1_000_000n).toString();

export function lokiQuery(conn: Connection, window: FetchWindow): Record<string, string> {
  const limit = Math.min(50_000, Math.max(1, Number(conn.options.limit ?? 5000) || 5000));
  const direction = conn.options.direction === 'forward' ? 'forward' : 'backward';
  return { query: conn.options.selector ?? DEFAULT_SELECTOR, start: ns(window.from), end: ns(window.to), limit: String(limit), direction };
}

export const lokiClient: SourceClient = {
  kinds: ['loki'],
  probe: (conn, signal) =>
    probeWith(async () => {
      const { json, latencyMs } = await httpJson(conn, { path: '/loki/api/v1/labels', signal });
      if (!isObj(json) || json.status !== 'success' || !Array.isArray(json.data)) throw new ConnectorError('bad_shape', 'This does not answer like Loki: /loki/api/v1/labels gave no label list');
      return { latencyMs, detail: `Loki answered with ${json.data.length} labels` };
    }),
  async fetchWindow(conn, window, signal): Promise<ParsedBatch> {
    const { json } = await httpJson(conn, { path: '/loki/api/v1/query_range', query: lokiQuery(conn, window), signal });
    return inWindow(parseLive(() => parseLoki(json)), window.from, window.to);
  },
};
