/**
 * Live Argo CD: `GET /api/v1/applications/{name}` (bearer token) for each application in option
 * `app` (comma-separated). Probe: `GET /api/version`. History and operation state are mapped by
 * ./application.ts; the result is kept to the window.
 */
import type { ParsedBatch } from '../../import/formats/types';
import type { SourceClient } from '../../connections/source-client';
import { ConnectorError, httpJson } from '../common/http';
import { inWindow, merge, parseLive, probeWith } from '../kubernetes/client-support';
import { isObj } from '../kubernetes/fields';
import { parseArgo } from './formats';

export const argocdClient: SourceClient = {
  kinds: ['argocd'],
  probe: (conn, signal) =>
    probeWith(async () => {
      const { json, latencyMs } = await httpJson(conn, { path: '/api/version', signal });
      if (!isObj(json) || typeof json.Version !== 'string') throw new ConnectorError('bad_shape', 'This does not answer like Argo CD: /api/version has no Version');
      return { latencyMs, detail: `Argo CD ${json.Version}` };
    }),
  async fetchWindow(conn, window, signal): Promise<ParsedBatch> {
    const apps = (conn.options.app ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    if (apps.length === 0) throw new ConnectorError('bad_shape', 'Set the option "app" to the Argo CD application name(s) to follow');
    const batches: ParsedBatch[] = [];
    for (const app of apps) {
      const { json } = await httpJson(conn, { path: `/api/v1/applications/${encodeURIComponent(app)}`, signal });
      if (!isObj(json) || json.kind !== undefined && json.kind !== 'Application') throw new ConnectorError('bad_shape', `Argo CD answered something other than an Application for ${app}`);
      batches.push(parseLive(() => parseArgo([{ apiVersion: 'argoproj.io/v1alpha1', ...json, kind: 'Application' }], window.to)));
    }
    return inWindow(merge(batches), window.from, window.to);
  },
};
