/**
 * A loopback stand-in for the Kubernetes API server's contract, for the four catalogue calls:
 * it checks the method, path, query, Content-Type, bearer token and body shape as the API
 * specifies them (PATCH with merge-patch / strategic-merge-patch / json-patch, `dryRun=All`
 * only), answers with the object as the API returns it (the Deployment is a real one recorded
 * from a cluster), applies a real patch to its state, and leaves the state untouched for a dry
 * run. Anything off-contract is answered with a Kubernetes `Status` failure and listed in
 * `violations`. It is NOT a Kubernetes API server.
 */
import { startReplay, type Reply, type ReplayServer, type Seen } from '../../connectors/kubernetes/replay-server';

export interface K8sContractServer extends ReplayServer {
  violations: string[];
  deployments: Map<string, Record<string, unknown>>;
  nodes: Map<string, Record<string, unknown>>;
  /** Patches that changed state (dry runs excluded). */
  applied: string[];
}

const status = (code: number, reason: string, message: string): Reply => ({ status: code, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code } });

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const clone = <T>(v: T): T => structuredClone(v);
const sameKeys = (v: unknown, keys: string[]): boolean => {
  const k = Object.keys(obj(v)).sort();
  return k.length === keys.length && k.every((x, i) => x === [...keys].sort()[i]);
};

function reconcile(d: Obj): void {
  const spec = obj(d.spec);
  const n = typeof spec.replicas === 'number' ? spec.replicas : 1;
  const s = obj(d.status);
  d.status = { ...s, replicas: n, readyReplicas: n, availableReplicas: n, updatedReplicas: n, observedGeneration: obj(d.metadata).generation };
  delete (d.status as Obj).unavailableReplicas;
}

function bumpRevision(d: Obj): void {
  const meta = obj(d.metadata);
  const ann = obj(meta.annotations);
  const rev = Number(ann['deployment.kubernetes.io/revision'] ?? '0');
  meta.annotations = { ...ann, 'deployment.kubernetes.io/revision': String(rev + 1) };
  meta.generation = Number(meta.generation ?? 0) + 1;
}

export async function startK8sContract(opts: { token: string; deployments: Obj[]; nodes: Obj[] }): Promise<K8sContractServer> {
  const violations: string[] = [];
  const applied: string[] = [];
  const deployments = new Map<string, Obj>(opts.deployments.map((d) => [`${String(obj(d.metadata).namespace)}/${String(obj(d.metadata).name)}`, clone(d)]));
  const nodes = new Map<string, Obj>(opts.nodes.map((n) => [String(obj(n.metadata).name), clone(n)]));
  const bad = (code: number, reason: string, message: string, req: Seen): Reply => {
    violations.push(`${req.method} ${req.path}: ${message}`);
    return status(code, reason, message);
  };

  function route(req: Seen): Reply | undefined {
    if (req.headers.authorization !== `Bearer ${opts.token}`) return bad(401, 'Unauthorized', 'Unauthorized', req);
    const keys = [...req.query.keys()];
    if (keys.some((k) => k !== 'dryRun')) return bad(400, 'BadRequest', `unexpected query parameters ${keys.join(',')}`, req);
    const dryRun = req.query.get('dryRun');
    if (dryRun !== null && dryRun !== 'All') return bad(400, 'BadRequest', `invalid dry run option "${dryRun}": supported values: "All"`, req);
    if (req.method === 'GET' && dryRun !== null) return bad(400, 'BadRequest', 'dryRun on a GET', req);
    const ct = String(req.headers['content-type'] ?? '');
    let body: unknown = null;
    if (req.method === 'PATCH') {
      if (!['application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/json-patch+json'].includes(ct)) {
        return bad(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml (got "${ct}")`, req);
      }
      try {
        body = JSON.parse(req.body);
      } catch {
        return bad(400, 'BadRequest', 'the body is not JSON', req);
      }
    }

    let m = /^\/apis\/apps\/v1\/namespaces\/([^/]+)\/deployments\/([^/]+)(\/scale)?$/.exec(req.path);
    if (m) {
      const key = `${m[1] ?? ''}/${m[2] ?? ''}`;
      const d = deployments.get(key);
      if (!d) return status(404, 'NotFound', `deployments.apps "${m[2] ?? ''}" not found`);
      const scale = m[3] !== undefined;
      const view = (x: Obj): Obj =>
        scale
          ? {
              kind: 'Scale',
              apiVersion: 'autoscaling/v1',
              metadata: { name: obj(x.metadata).name, namespace: obj(x.metadata).namespace, resourceVersion: obj(x.metadata).resourceVersion },
              spec: { replicas: obj(x.spec).replicas },
              status: { replicas: obj(x.status).replicas ?? 0, selector: 'app=podinfo' },
            }
          : x;
      if (req.method === 'GET') return { body: view(d) };
      if (req.method !== 'PATCH') return bad(405, 'MethodNotAllowed', `${req.method} is not allowed here`, req);
      const next = clone(d);
      if (scale) {
        if (ct !== 'application/merge-patch+json' && ct !== 'application/strategic-merge-patch+json') return bad(415, 'UnsupportedMediaType', `scale patch as ${ct}`, req);
        const spec = obj(obj(body).spec);
        if (!sameKeys(body, ['spec']) || !sameKeys(spec, ['replicas']) || !Number.isInteger(spec.replicas) || (spec.replicas as number) < 0) return bad(422, 'Invalid', 'a scale patch is exactly {"spec":{"replicas":N}}', req);
        next.spec = { ...obj(next.spec), replicas: spec.replicas };
        obj(next.metadata).generation = Number(obj(next.metadata).generation ?? 0) + 1;
      } else if (ct === 'application/strategic-merge-patch+json') {
        const ann = obj(obj(obj(obj(obj(body).spec).template).metadata).annotations);
        const at = ann['kubectl.kubernetes.io/restartedAt'];
        if (!sameKeys(body, ['spec']) || !sameKeys(obj(body).spec, ['template']) || !sameKeys(ann, ['kubectl.kubernetes.io/restartedAt']) || typeof at !== 'string' || Number.isNaN(Date.parse(at))) {
          return bad(422, 'Invalid', 'a restart patch sets only spec.template.metadata.annotations["kubectl.kubernetes.io/restartedAt"] to an RFC 3339 time', req);
        }
        const tpl = obj(obj(next.spec).template);
        const meta = obj(tpl.metadata);
        tpl.metadata = { ...meta, annotations: { ...obj(meta.annotations), 'kubectl.kubernetes.io/restartedAt': at } };
        bumpRevision(next);
      } else if (ct === 'application/json-patch+json') {
        if (!Array.isArray(body) || body.length !== 2) return bad(422, 'Invalid', 'an undo patch is [test revision, replace /spec/template]', req);
        const [test, replace] = body.map(obj);
        if (test?.op !== 'test' || test.path !== '/metadata/annotations/deployment.kubernetes.io~1revision' || typeof test.value !== 'string') return bad(422, 'Invalid', 'the first operation must test the revision annotation', req);
        if (replace?.op !== 'replace' || replace.path !== '/spec/template' || !Array.isArray(obj(obj(replace.value).spec).containers)) return bad(422, 'Invalid', 'the second operation must replace /spec/template with a pod template', req);
        const current = obj(obj(d.metadata).annotations)['deployment.kubernetes.io/revision'];
        if (current !== test.value) return status(422, 'Invalid', `the server rejected our request due to an error in our request: testing value /metadata/annotations/deployment.kubernetes.io~1revision failed`);
        next.spec = { ...obj(next.spec), template: replace.value };
        bumpRevision(next);
      } else return bad(415, 'UnsupportedMediaType', `deployment patch as ${ct}`, req);
      if (dryRun === null) {
        reconcile(next);
        deployments.set(key, next);
        applied.push(`${req.method} ${req.path}`);
      }
      return { body: view(next) };
    }

    m = /^\/api\/v1\/nodes\/([^/]+)$/.exec(req.path);
    if (m) {
      const n = nodes.get(m[1] ?? '');
      if (!n) return status(404, 'NotFound', `nodes "${m[1] ?? ''}" not found`);
      if (req.method === 'GET') return { body: n };
      if (req.method !== 'PATCH') return bad(405, 'MethodNotAllowed', `${req.method} is not allowed here`, req);
      if (ct !== 'application/strategic-merge-patch+json' && ct !== 'application/merge-patch+json') return bad(415, 'UnsupportedMediaType', `node patch as ${ct}`, req);
      if (!sameKeys(body, ['spec']) || !sameKeys(obj(body).spec, ['unschedulable']) || obj(obj(body).spec).unschedulable !== true) return bad(422, 'Invalid', 'a cordon patch is exactly {"spec":{"unschedulable":true}}', req);
      const next = clone(n);
      next.spec = { ...obj(next.spec), unschedulable: true };
      if (dryRun === null) {
        nodes.set(m[1] ?? '', next);
        applied.push(`${req.method} ${req.path}`);
      }
      return { body: next };
    }
    return bad(404, 'NotFound', 'the server could not find the requested resource', req);
  }

  const server = await startReplay(route);
  return { ...server, violations, deployments, nodes, applied };
}
