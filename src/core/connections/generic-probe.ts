/**
 * The fallback Test for kinds whose connector client does not exist yet: one GET of a cheap,
 * well-known endpoint of the source through the connectors' HTTP client, expecting JSON (or, for
 * plain health endpoints, any 2xx). Errors keep the client's classification (DNS, refused, TLS,
 * 401, 403, timeout, wrong shape).
 */
import type { Connection, ProbeResult, SourceKind } from '../../shared/connections';
import { ConnectorError, httpRequest } from '../connectors/common/http';

interface ProbeSpec {
  path: (conn: Connection) => string;
  /** true: the body must be JSON; false: any 2xx answers. */
  json: boolean;
  what: string;
}

const SPECS: Record<SourceKind, ProbeSpec> = {
  prometheus: { path: () => '/api/v1/status/buildinfo', json: true, what: 'Prometheus HTTP API' },
  victoriametrics: { path: () => '/api/v1/status/buildinfo', json: true, what: 'Prometheus-compatible API' },
  alertmanager: { path: () => '/api/v2/status', json: true, what: 'Alertmanager API v2' },
  loki: { path: () => '/loki/api/v1/labels', json: true, what: 'Loki API' },
  datadog: { path: () => '/api/v1/validate', json: true, what: 'Datadog API' },
  kubernetes: { path: () => '/version', json: true, what: 'Kubernetes API server' },
  argocd: { path: () => '/api/version', json: true, what: 'Argo CD API' },
  github: {
    path: (c) => (c.options.repo ? `/repos/${c.options.repo.split('/').map(encodeURIComponent).join('/')}` : '/'),
    json: true,
    what: 'GitHub API',
  },
};

export async function genericProbe(conn: Connection, signal?: AbortSignal): Promise<ProbeResult> {
  const spec = SPECS[conn.kind];
  const path = spec.path(conn);
  try {
    const r = await httpRequest(conn, { path, signal, maxBytes: 4 * 1024 * 1024 });
    const latencyMs = Math.round(r.latencyMs);
    if (r.status === 404) {
      return { ok: false, code: 'bad_shape', message: `${path} answered 404: this does not look like the ${spec.what} (check the URL and its path prefix)`, latencyMs };
    }
    if (r.status < 200 || r.status >= 300) {
      return { ok: false, code: 'http', message: `HTTP ${r.status} from ${path}: ${r.text.slice(0, 200)}`, latencyMs };
    }
    if (spec.json) {
      try {
        JSON.parse(r.text);
      } catch {
        return { ok: false, code: 'bad_shape', message: `Expected JSON from ${path} (${spec.what}), got: ${r.text.slice(0, 120)}`, latencyMs };
      }
    }
    return { ok: true, latencyMs, detail: `${spec.what} answered ${path} with HTTP ${r.status}` };
  } catch (err) {
    if (err instanceof ConnectorError) return { ok: false, code: err.code, message: err.message, latencyMs: null };
    throw err;
  }
}
