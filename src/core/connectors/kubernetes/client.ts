/**
 * Live Kubernetes API. Credentials: option `kubeconfig` (a path; option `context` picks the
 * context; see ./kubeconfig.ts), else the connection itself (URL = API server, bearer / basic /
 * client-certificate auth, the connection's TLS options). Option `namespace` narrows every list.
 * Probe: `GET /version`. fetchWindow: Events, Pods (restarts, OOM kills), ReplicaSets and
 * Deployments (rollout history) through the connectors' HTTP client, mapped by ./parse.ts and
 * kept to the window. The API's list items carry no `kind`: it is set here before mapping.
 * (@kubernetes/client-node 2.0.1 is not used: it cannot load on Node 20, see docs/connectors.md.)
 */
import type { Connection } from '../../../shared/connections';
import type { ParsedBatch } from '../../import/formats/types';
import type { SourceClient } from '../../connections/source-client';
import { ConnectorError, httpJson } from '../common/http';
import { inWindow, parseLive, probeWith } from './client-support';
import { arr, isObj, obj } from './fields';
import { resolveKubeConnection } from './kubeconfig';
import { parseKubernetes } from './parse';

const LIST_LIMIT = 5000;

const withKind = (kind: string, items: unknown[]): unknown[] => items.map((i) => (isObj(i) ? { ...i, kind } : i));

async function list(conn: Connection, path: string, kind: string, signal?: AbortSignal): Promise<unknown[]> {
  const { json } = await httpJson(conn, { path, query: { limit: LIST_LIMIT }, signal });
  if (!isObj(json) || !Array.isArray(json.items)) throw new ConnectorError('bad_shape', `The Kubernetes API answered ${path} without an items list`);
  return withKind(kind, arr(json.items));
}

export const kubernetesClient: SourceClient = {
  kinds: ['kubernetes'],
  probe: (conn, signal) =>
    probeWith(async () => {
      const c = await resolveKubeConnection(conn);
      const { json, latencyMs } = await httpJson(c, { path: '/version', signal });
      const v = obj(json).gitVersion;
      if (typeof v !== 'string') throw new ConnectorError('bad_shape', 'The server did not answer /version like Kubernetes');
      return { latencyMs, detail: `Kubernetes ${v}` };
    }),
  async fetchWindow(conn, window, signal): Promise<ParsedBatch> {
    const c = await resolveKubeConnection(conn);
    const ns = conn.options.namespace;
    const core = ns ? `/api/v1/namespaces/${encodeURIComponent(ns)}` : '/api/v1';
    const apps = ns ? `/apis/apps/v1/namespaces/${encodeURIComponent(ns)}` : '/apis/apps/v1';
    const [events, pods, rs, deps] = await Promise.all([
      list(c, `${core}/events`, 'Event', signal),
      list(c, `${core}/pods`, 'Pod', signal),
      list(c, `${apps}/replicasets`, 'ReplicaSet', signal),
      list(c, `${apps}/deployments`, 'Deployment', signal),
    ]);
    return inWindow(parseLive(() => parseKubernetes([...events, ...pods, ...rs, ...deps], window.to)), window.from, window.to);
  },
};
