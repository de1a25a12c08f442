/**
 * A loopback stand-in for the Argo CD API server's contract for rollback and sync: it checks
 * POST /api/v1/applications/{name}/rollback|sync, `Content-Type: application/json`, the bearer
 * token, and that the body has exactly the fields of ApplicationRollbackRequest (name, id,
 * dryRun, prune, appNamespace) or ApplicationSyncRequest (name, revision, dryRun, prune,
 * appNamespace) with their types; it answers with the Application as the API returns it (a real
 * Application recorded from a cluster), updated for a real call and untouched for a dry run.
 * It is NOT an Argo CD server.
 */
import { startReplay, type Reply, type ReplayServer, type Seen } from '../../connectors/kubernetes/replay-server';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

export interface ArgoContractServer extends ReplayServer {
  violations: string[];
  apps: Map<string, Obj>;
  applied: string[];
}

const ROLLBACK_FIELDS: Record<string, string> = { name: 'string', id: 'number', dryRun: 'boolean', prune: 'boolean', appNamespace: 'string', project: 'string' };
const SYNC_FIELDS: Record<string, string> = { name: 'string', revision: 'string', dryRun: 'boolean', prune: 'boolean', appNamespace: 'string', project: 'string' };

// gRPC-gateway errors as Argo CD sends them.
const grpcError = (status: number, code: number, message: string): Reply => ({ status, body: { error: message, code, message } });

export async function startArgoContract(opts: { token: string; apps: Obj[] }): Promise<ArgoContractServer> {
  const violations: string[] = [];
  const applied: string[] = [];
  const apps = new Map<string, Obj>(opts.apps.map((a) => [String(obj(a.metadata).name), structuredClone(a)]));
  const bad = (req: Seen, message: string, status = 400): Reply => {
    violations.push(`${req.method} ${req.path}: ${message}`);
    return grpcError(status, status === 401 ? 16 : 3, message);
  };

  function route(req: Seen): Reply | undefined {
    if (req.headers.authorization !== `Bearer ${opts.token}`) return bad(req, 'no session information', 401);
    const m = /^\/api\/v1\/applications\/([^/]+)(?:\/(rollback|sync))?$/.exec(req.path);
    if (!m) return bad(req, 'Not Found', 404);
    const name = m[1] ?? '';
    const app = apps.get(name);
    if (!app) return grpcError(403, 7, 'permission denied');
    const op = m[2];
    if (op === undefined) {
      if (req.method !== 'GET') return bad(req, `${req.method} on an application`, 405);
      return { body: app };
    }
    if (req.method !== 'POST') return bad(req, `${req.method} on ${op}`, 405);
    if (String(req.headers['content-type'] ?? '') !== 'application/json') return bad(req, `content-type ${String(req.headers['content-type'])}`);
    let body: Obj;
    try {
      body = obj(JSON.parse(req.body));
    } catch {
      return bad(req, 'the body is not JSON');
    }
    const fields = op === 'rollback' ? ROLLBACK_FIELDS : SYNC_FIELDS;
    for (const [k, v] of Object.entries(body)) {
      if (!(k in fields)) return bad(req, `unknown field "${k}" in ${op} request`);
      if (typeof v !== fields[k]) return bad(req, `${k} must be a ${fields[k] ?? '?'}`);
    }
    if (body.name !== name) return bad(req, 'the body names another application');
    const next = structuredClone(app);
    const status = obj(next.status);
    if (op === 'rollback') {
      if (!Number.isInteger(body.id)) return bad(req, 'id is required');
      if (obj(obj(next.spec).syncPolicy).automated !== undefined) return grpcError(400, 9, 'rollback cannot be initiated when auto-sync is enabled');
      const entry = (Array.isArray(status.history) ? status.history.map(obj) : []).find((h) => h.id === body.id);
      if (!entry) return grpcError(400, 3, `application ${name} does not have deployment with id ${String(body.id)}`);
      status.sync = { ...obj(status.sync), revision: entry.revision, status: 'OutOfSync' };
    } else {
      status.sync = { ...obj(status.sync), status: 'Synced', ...(typeof body.revision === 'string' ? { revision: body.revision } : {}) };
    }
    status.operationState = { ...obj(status.operationState), phase: 'Succeeded', message: 'successfully synced (all tasks run)' };
    status.health = { status: 'Healthy' };
    if (body.dryRun !== true) {
      apps.set(name, next);
      applied.push(`${req.method} ${req.path}`);
    }
    return { body: next };
  }

  const server = await startReplay(route);
  return { ...server, violations, apps, applied };
}
