/**
 * Alertmanager as a live source (kind 'alertmanager'). probe: GET /api/v2/status (version and
 * cluster status). fetchWindow: GET /api/v2/alerts (active, silenced and inhibited) mapped by
 * ./parse/alertmanager-api.ts. Alertmanager only knows its CURRENT alerts, not history: the
 * result is what is firing now, filtered to alerts that started before the window's end; their
 * externalIds match the webhook's, so polling and webhooks deduplicate in the store.
 */
import type { Connection, ProbeResult } from '../../../shared/connections';
import type { ParsedBatch } from '../../import/formats/types';
import { ImportError } from '../../import/formats/types';
import type { FetchWindow, SourceClient } from '../../connections/source-client';
import { ConnectorError, httpJson } from '../common/http';
import { isObj } from './read';
import { parseAlertmanagerApiList } from './parse/alertmanager-api';

async function probe(conn: Connection, signal?: AbortSignal): Promise<ProbeResult> {
  const t0 = performance.now();
  try {
    const { json, latencyMs } = await httpJson(conn, { path: '/api/v2/status', signal });
    if (!isObj(json) || !isObj(json.versionInfo) || !isObj(json.cluster)) {
      return { ok: false, code: 'bad_shape', message: 'GET /api/v2/status did not answer like Alertmanager (no versionInfo/cluster): is the URL an Alertmanager?', latencyMs };
    }
    const version = typeof json.versionInfo.version === 'string' ? json.versionInfo.version : 'unknown';
    const cluster = typeof json.cluster.status === 'string' ? json.cluster.status : 'unknown';
    return { ok: true, latencyMs, detail: `Alertmanager ${version}, cluster ${cluster}` };
  } catch (err) {
    if (err instanceof ConnectorError) return { ok: false, code: err.code, message: err.message, latencyMs: performance.now() - t0 };
    throw err;
  }
}

async function fetchWindow(conn: Connection, window: FetchWindow, signal?: AbortSignal): Promise<ParsedBatch> {
  const { json } = await httpJson(conn, { path: '/api/v2/alerts', query: { active: 'true', silenced: 'true', inhibited: 'true' }, signal });
  if (!Array.isArray(json)) throw new ConnectorError('bad_shape', 'GET /api/v2/alerts did not return an array');
  if (json.length === 0) return { events: [], series: [] };
  let parsed;
  try {
    parsed = parseAlertmanagerApiList(json, Date.now());
  } catch (err) {
    if (err instanceof ImportError) throw new ConnectorError('bad_shape', `GET /api/v2/alerts: ${err.message}`);
    throw err;
  }
  const services = window.services && window.services.length > 0 ? new Set(window.services) : null;
  const events = parsed.alerts.filter((a) => a.ts <= window.to && (services === null || services.has(a.service)));
  return { events, series: [] };
}

export const alertmanagerClient: SourceClient = { kinds: ['alertmanager'], probe, fetchWindow };
