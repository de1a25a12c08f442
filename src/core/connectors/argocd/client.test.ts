import { afterEach, expect, it } from 'vitest';
import { describeFixtures, readFixture } from '../../testing/fixtures';
import { startReplay, type ReplayServer } from '../kubernetes/replay-server';
import { testConnection } from '../../testing/connection';
import { argocdClient } from './client';

let srv: ReplayServer | undefined;
afterEach(async () => srv?.close());

describeFixtures('argocd client against a loopback replay of the recorded Application', () => {
  it('probe, fetch with bearer token, window filter, 401', async () => {
    const app = JSON.parse(readFixture('argocd/argocd_application_with_status_history_diff-cache.json')) as unknown;
    srv = await startReplay((r) => {
      if (r.headers.authorization !== 'Bearer tok') return { status: 401, body: {} };
      if (r.path === '/api/version') return { body: { Version: 'v2.10.2+fcf5d8c' } };
      if (r.path === '/api/v1/applications/velero-test') return { body: app };
      return undefined;
    });
    const conn = testConnection({ kind: 'argocd', url: srv.url, auth: { type: 'bearer', token: 'tok' }, options: { app: 'velero-test' } });
    expect(await argocdClient.probe(conn)).toMatchObject({ ok: true, detail: 'Argo CD v2.10.2+fcf5d8c' });
    const b = await argocdClient.fetchWindow(conn, { from: Date.parse('2024-03-05T07:00:00Z'), to: Date.parse('2024-03-05T08:00:00Z') });
    expect(b.events.filter((e) => e.kind === 'change')).toHaveLength(3); // history 21, 22, 23
    expect(await argocdClient.probe(testConnection({ kind: 'argocd', url: srv.url }))).toMatchObject({ ok: false, code: 'unauthorized' });
  });
});
