import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { describeFixtures, readFixture } from '../../testing/fixtures';
import { kubernetesClient } from './client';
import { startReplay, type ReplayServer } from './replay-server';
import { testConnection } from '../../testing/connection';

let srv: ReplayServer | undefined;
afterEach(async () => srv?.close());

describeFixtures('kubernetes client against a loopback API replaying the recorded watch stream', () => {
  it('probe, lists without kinds, window, 401', async () => {
    const docs = parseAllDocuments(readFixture('k8s_events/kspan_deployment-2-pods.watch.yaml')).map((d) => d.toJSON() as Record<string, unknown>);
    const list = (kind: string) => ({ kind: `${kind}List`, apiVersion: 'v1', metadata: {}, items: docs.filter((d) => d.kind === kind).map(({ kind: _k, ...rest }) => rest) });
    srv = await startReplay((r) => {
      if (r.headers.authorization !== 'Bearer kube-token') return { status: 401, body: { kind: 'Status', code: 401, message: 'Unauthorized' } };
      if (r.path === '/version') return { body: { major: '1', minor: '30', gitVersion: 'v1.30.0' } };
      if (r.path === '/api/v1/events') return { body: list('Event') };
      if (r.path === '/api/v1/pods') return { body: list('Pod') };
      if (r.path === '/apis/apps/v1/replicasets') return { body: list('ReplicaSet') };
      if (r.path === '/apis/apps/v1/deployments') return { body: list('Deployment') };
      return undefined;
    });
    const conn = testConnection({ kind: 'kubernetes', url: srv.url, auth: { type: 'bearer', token: 'kube-token' } });
    expect(await kubernetesClient.probe(conn)).toMatchObject({ ok: true, detail: 'Kubernetes v1.30.0' });
    const b = await kubernetesClient.fetchWindow(conn, { from: Date.parse('2021-05-19T09:42:00Z'), to: Date.parse('2021-05-19T09:44:00Z') });
    expect(b.events.filter((e) => e.kind === 'log')).toHaveLength(19);
    expect(b.events.find((e) => e.kind === 'change' && e.attrs?.['k8s.revision'] === 3)).toMatchObject({ changeType: 'deploy', to: 'ghcr.io/stefanprodan/podinfo:5.0.0' });
    expect(await kubernetesClient.probe(testConnection({ kind: 'kubernetes', url: srv.url }))).toMatchObject({ ok: false, code: 'unauthorized' });
  });

  it('reads server and token from a kubeconfig context', async () => {
    srv = await startReplay((r) => (r.headers.authorization === 'Bearer from-kubeconfig' && r.path === '/version' ? { body: { gitVersion: 'v1.29.1' } } : { status: 401, body: {} }));
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-kc-'));
    const file = join(dir, 'config');
    writeFileSync(file, `apiVersion: v1\nkind: Config\ncurrent-context: other\nclusters:\n- name: c\n  cluster:\n    server: ${srv.url}\ncontexts:\n- name: lab\n  context: {cluster: c, user: u}\n- name: other\n  context: {cluster: c, user: v}\nusers:\n- name: u\n  user: {token: from-kubeconfig}\n- name: v\n  user: {token: wrong}\n`);
    const conn = testConnection({ kind: 'kubernetes', url: 'https://placeholder.invalid', options: { kubeconfig: file, context: 'lab' } });
    expect(await kubernetesClient.probe(conn)).toMatchObject({ ok: true, detail: 'Kubernetes v1.29.1' });
    expect(await kubernetesClient.probe(testConnection({ kind: 'kubernetes', url: 'https://placeholder.invalid', options: { kubeconfig: file } }))).toMatchObject({ ok: false, code: 'unauthorized' });
    expect(await kubernetesClient.probe(testConnection({ kind: 'kubernetes', url: 'https://placeholder.invalid', options: { kubeconfig: file, context: 'nope' } }))).toMatchObject({ ok: false, code: 'bad_shape', message: 'kubeconfig has no context named "nope"' });
  });
});
