/**
 * Kubernetes actions against the API's RECORDED contract (no API server exists on the build
 * machines): a loopback server that checks method, path, query, Content-Type and body shape as
 * the API specifies them and answers with a Deployment recorded from a real cluster.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { describeFixtures, readFixture } from '../testing/fixtures';
import { dispatch } from './dispatch';
import { preparePlan, type Plan } from './plan';
import { harness, journalText, type Harness } from './testing/harness';
import { startK8sContract, type K8sContractServer } from './testing/k8s-contract';

const TOKEN = 'k8s-sa-token-9d8c7b6a5f';
type Obj = Record<string, unknown>;

let api: K8sContractServer;
let h: Harness;
const target = () => ({ kind: 'k8s', name: 'prod-eu', api_server: api.url, token_secret: 'k8s-prod-eu' });

function plan(id: string, params: unknown): Plan {
  const p = preparePlan(id, params, target(), Date.now());
  if (!p.ok) throw new Error(p.message);
  return p.plan;
}

const trace = () => api.seen.map((s) => `${s.method} ${s.path}${[...s.query].length > 0 ? `?${s.query.toString()}` : ''}${s.method === 'PATCH' ? ` [${String(s.headers['content-type'])}]` : ''}`);

describeFixtures('Kubernetes actions against the recorded API contract', () => {
  let deployment: Obj;
  beforeAll(async () => {
    const docs = parseAllDocuments(readFixture('k8s_events/kspan_deployment-2-pods.watch.yaml')).map((d) => d.toJS() as Obj);
    const found = docs.find((d) => d.kind === 'Deployment');
    if (!found) throw new Error('no Deployment in the recorded watch stream');
    deployment = found;
    const node = { kind: 'Node', apiVersion: 'v1', metadata: { name: 'gpu-node-3', labels: { 'kubernetes.io/hostname': 'gpu-node-3' } }, spec: { podCIDR: '10.244.3.0/24' }, status: { conditions: [{ type: 'Ready', status: 'True' }] } };
    api = await startK8sContract({ token: TOKEN, deployments: [deployment], nodes: [node] });
    h = await harness({ secrets: { 'k8s-prod-eu': TOKEN } });
  });
  afterAll(async () => {
    h.close();
    await api.close();
  });

  it('scales a Deployment: precondition read, dryRun=All, then the real merge patch, then verification', async () => {
    api.seen.length = 0;
    expect((deployment.metadata as Obj).name).toBe('px');
    const p = plan('k8s.scale', { namespace: 'default', kind: 'deployment', name: 'px', add_replicas: 2, current_replicas: 2, replicas: 4 });
    const out = await dispatch(p, [await h.approve('ana', p)], h.ctx());
    expect(out).toMatchObject({ status: 'verified' });
    expect(trace()).toEqual([
      'GET /apis/apps/v1/namespaces/default/deployments/px/scale',
      'PATCH /apis/apps/v1/namespaces/default/deployments/px/scale?dryRun=All [application/merge-patch+json]',
      'PATCH /apis/apps/v1/namespaces/default/deployments/px/scale [application/merge-patch+json]',
      'GET /apis/apps/v1/namespaces/default/deployments/px/scale',
      'GET /apis/apps/v1/namespaces/default/deployments/px',
    ]);
    expect(api.seen[1]?.body).toBe('{"spec":{"replicas":4}}');
    expect(api.seen[2]?.body).toBe('{"spec":{"replicas":4}}');
    expect(api.applied).toEqual(['PATCH /apis/apps/v1/namespaces/default/deployments/px/scale']);
    expect(api.violations).toEqual([]);
    const kinds = h.journal.list().map((e) => e.kind);
    expect(kinds).toEqual(['approval', 'dispatching', 'dispatch_result', 'dispatch_result', 'verification']);
    expect(h.journal.list({ kind: 'dispatch_result' }).map((e) => (e.payload as { detail: { phase: string } }).detail.phase)).toEqual(['dry_run', 'send']);
    expect(journalText(h.journal)).not.toContain(TOKEN);
  });

  it('restarts a rollout with a strategic merge patch of the restartedAt annotation', async () => {
    api.seen.length = 0;
    const p = plan('k8s.rollout_restart', { namespace: 'default', kind: 'deployment', name: 'px' });
    const out = await dispatch(p, [await h.approve('ana', p)], h.ctx());
    expect(out).toMatchObject({ status: 'verified' });
    const patches = api.seen.filter((s) => s.method === 'PATCH');
    expect(patches.map((s) => [s.path, s.query.toString(), s.headers['content-type']])).toEqual([
      ['/apis/apps/v1/namespaces/default/deployments/px', 'dryRun=All', 'application/strategic-merge-patch+json'],
      ['/apis/apps/v1/namespaces/default/deployments/px', '', 'application/strategic-merge-patch+json'],
    ]);
    const body = JSON.parse(patches[1]?.body ?? '{}') as { spec: { template: { metadata: { annotations: Record<string, string> } } } };
    expect(Object.keys(body.spec.template.metadata.annotations)).toEqual(['kubectl.kubernetes.io/restartedAt']);
    expect(api.violations).toEqual([]);
  });

  it('undoes a rollout with a JSON patch that tests the current revision first', async () => {
    api.seen.length = 0;
    const live = api.deployments.get('default/px') as Obj;
    const rev = Number(((live.metadata as Obj).annotations as Obj)['deployment.kubernetes.io/revision']);
    const template = structuredClone(((deployment.spec as Obj).template as Obj));
    const p = plan('k8s.rollout_undo', { namespace: 'default', name: 'px', current_revision: rev, to_revision: rev - 1, pod_template: template });
    const out = await dispatch(p, [await h.approve('ana', p)], h.ctx());
    expect(out).toMatchObject({ status: 'verified' });
    const patch = api.seen.filter((s) => s.method === 'PATCH');
    expect(patch.map((s) => s.headers['content-type'])).toEqual(['application/json-patch+json', 'application/json-patch+json']);
    expect(JSON.parse(patch[1]?.body ?? '[]')).toEqual([
      { op: 'test', path: '/metadata/annotations/deployment.kubernetes.io~1revision', value: String(rev) },
      { op: 'replace', path: '/spec/template', value: template },
    ]);
    expect(api.violations).toEqual([]);
  });

  it('cordons a node (strategic merge patch, dry run first)', async () => {
    api.seen.length = 0;
    const p = plan('k8s.cordon', { node: 'gpu-node-3' });
    const out = await dispatch(p, [await h.approve('ana', p)], h.ctx());
    expect(out).toMatchObject({ status: 'verified' });
    expect(trace()).toEqual([
      'GET /api/v1/nodes/gpu-node-3',
      'PATCH /api/v1/nodes/gpu-node-3?dryRun=All [application/strategic-merge-patch+json]',
      'PATCH /api/v1/nodes/gpu-node-3 [application/strategic-merge-patch+json]',
      'GET /api/v1/nodes/gpu-node-3',
    ]);
    expect(api.seen[2]?.body).toBe('{"spec":{"unschedulable":true}}');
    expect((api.nodes.get('gpu-node-3')?.spec as Obj).unschedulable).toBe(true);
    expect(api.violations).toEqual([]);
  });

  it('refuses when the live state changed since approval, and sends no patch', async () => {
    api.seen.length = 0;
    const p = plan('k8s.scale', { namespace: 'default', kind: 'deployment', name: 'px', add_replicas: 1, current_replicas: 2, replicas: 3 });
    const out = await dispatch(p, [await h.approve('ana', p)], h.ctx());
    expect(out).toMatchObject({ status: 'refused', reason: 'precondition_changed' });
    expect(out.status === 'refused' ? out.message : '').toMatch(/still has 2 replicas .*\/spec\/replicas = 4/);
    expect(api.seen.map((s) => s.method)).toEqual(['GET']);
  });

  it('a cordon of an already-cordoned node is refused by its precondition', async () => {
    api.seen.length = 0;
    const p = plan('k8s.cordon', { node: 'gpu-node-3' });
    const out = await dispatch(p, [await h.approve('ana', p)], h.ctx());
    expect(out).toMatchObject({ status: 'refused', reason: 'precondition_changed' });
    expect(api.seen.filter((s) => s.method === 'PATCH')).toEqual([]);
  });
});
