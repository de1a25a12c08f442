/**
 * Argo CD actions against the API's RECORDED contract (no Argo CD server exists on the build
 * machines): the body fields of ApplicationRollbackRequest / ApplicationSyncRequest checked,
 * answered with an Application recorded from a real cluster.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeFixtures, readFixture } from '../testing/fixtures';
import { dispatch } from './dispatch';
import { preparePlan, type Plan } from './plan';
import { startArgoContract, type ArgoContractServer } from './testing/argocd-contract';
import { harness, type Harness } from './testing/harness';

const TOKEN = 'argocd-jwt-0a1b2c3d4e';
type Obj = Record<string, unknown>;

let api: ArgoContractServer;
let h: Harness;
let recorded: Obj;

function plan(id: string, params: unknown): Plan {
  const p = preparePlan(id, params, { kind: 'argocd', name: 'argocd', base_url: api.url, token_secret: 'argocd-token' }, Date.now());
  if (!p.ok) throw new Error(p.message);
  return p.plan;
}

describeFixtures('Argo CD actions against the recorded API contract', () => {
  beforeAll(async () => {
    recorded = JSON.parse(readFixture('argocd/argocd_application_with_status_history_diff-cache.json')) as Obj;
    api = await startArgoContract({ token: TOKEN, apps: [recorded] });
    h = await harness({ secrets: { 'argocd-token': TOKEN } });
  });
  afterAll(async () => {
    h.close();
    await api.close();
  });

  it('rolls back to a history entry: dry run, then the real rollback, then verification', async () => {
    const status = recorded.status as { sync: { revision: string }; history: { id: number; revision: string }[] };
    const entry = status.history.find((x) => x.revision !== status.sync.revision);
    if (!entry) throw new Error('the recorded application has no earlier revision');
    const p = plan('argocd.rollback', { application: 'velero-test', history_id: entry.id, to_revision: entry.revision, current_revision: status.sync.revision });
    const out = await dispatch(p, [await h.approve('ana', p)], h.ctx());
    expect(out).toMatchObject({ status: 'verified' });
    const posts = api.seen.filter((s) => s.method === 'POST');
    expect(posts.map((s) => [s.path, s.headers['content-type'], JSON.parse(s.body) as unknown])).toEqual([
      ['/api/v1/applications/velero-test/rollback', 'application/json', { name: 'velero-test', id: entry.id, dryRun: true, prune: false }],
      ['/api/v1/applications/velero-test/rollback', 'application/json', { name: 'velero-test', id: entry.id, dryRun: false, prune: false }],
    ]);
    expect(api.applied).toEqual(['POST /api/v1/applications/velero-test/rollback']);
    expect(api.violations).toEqual([]);
  });

  it('syncs an application to a revision', async () => {
    api.seen.length = 0;
    const p = plan('argocd.sync', { application: 'velero-test', revision: 'v1.41.0' });
    const out = await dispatch(p, [await h.approve('ana', p)], h.ctx());
    expect(out).toMatchObject({ status: 'verified' });
    const posts = api.seen.filter((s) => s.method === 'POST');
    expect(posts.map((s) => JSON.parse(s.body) as unknown)).toEqual([
      { name: 'velero-test', revision: 'v1.41.0', dryRun: true, prune: false },
      { name: 'velero-test', revision: 'v1.41.0', dryRun: false, prune: false },
    ]);
    expect(api.violations).toEqual([]);
  });
});
