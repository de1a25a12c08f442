import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { ChangeEvent, LogRecord } from '../../../shared/events';
import { describeFixtures, readFixture } from '../../testing/fixtures';
import { kubernetesFormats } from './formats';
import { parseKubernetes } from './parse';

const NOW = Date.UTC(2026, 2, 14);
const fmt = kubernetesFormats[0]!;
const yamlDocs = (s: string): unknown[] => parseAllDocuments(s).map((d) => d.toJSON() as unknown);
const logs = (b: { events: unknown[] }): LogRecord[] => b.events.filter((e): e is LogRecord => (e as LogRecord).kind === 'log');
const changes = (b: { events: unknown[] }): ChangeEvent[] => b.events.filter((e): e is ChangeEvent => (e as ChangeEvent).kind === 'change');

describeFixtures('kubernetes: recorded payloads', () => {
  it('EventList (JSON): 19 events as logs with workload, reason and time', () => {
    const input = { kind: 'json' as const, doc: JSON.parse(readFixture('k8s_events/kspan_deployment-2-pods.events.json')) as unknown, skippedLines: 0 };
    expect(fmt.detect(input)).toBe(true);
    const b = fmt.parse(input, { now: NOW });
    const l = logs(b);
    expect(l).toHaveLength(19);
    expect(l[0]).toMatchObject({ ts: Date.parse('2021-05-19T09:42:58Z'), service: 'px', severity: 'info', body: 'ScalingReplicaSet: Scaled up replica set px-5d567cc74c to 1' });
    const pulled = l.find((e) => e.body.startsWith('Pulled: Successfully pulled'));
    expect(pulled).toMatchObject({ service: 'px', ts: Date.parse('2021-05-19T09:43:05Z') });
    expect(pulled?.attrs?.['k8s.object.name']).toBe('px-5d567cc74c-ss4lb');
    // the scheduler's events have no lastTimestamp, only a MicroTime eventTime
    const scheduled = l.find((e) => e.body.startsWith('Scheduled:'));
    expect(scheduled?.ts).toBe(Date.parse('2021-05-19T09:42:58.638Z'));
    expect(new Set(l.map((e) => e.service))).toEqual(new Set(['px']));
  });

  it('watch stream (YAML): the same 19 events, plus the rollout of revision 3 with its image change', () => {
    const input = { kind: 'yaml' as const, docs: yamlDocs(readFixture('k8s_events/kspan_deployment-2-pods.watch.yaml')) };
    expect(fmt.detect(input)).toBe(true);
    const b = fmt.parse(input, { now: NOW });
    expect(logs(b)).toHaveLength(19);
    const c = changes(b);
    const rev3 = c.find((e) => e.attrs?.['k8s.revision'] === 3);
    expect(rev3).toMatchObject({
      changeType: 'deploy',
      target: 'px',
      service: 'px',
      ts: Date.parse('2021-05-19T09:42:58Z'),
      from: 'ghcr.io/stefanprodan/podinfo:5.1.3',
      to: 'ghcr.io/stefanprodan/podinfo:5.0.0',
      source: 'kubernetes',
    });
    expect(c.find((e) => e.attrs?.['k8s.revision'] === 2)).toMatchObject({ changeType: 'deploy', to: 'ghcr.io/stefanprodan/podinfo:5.1.3' });
    expect(c.every((e) => e.changeType !== 'rollback')).toBe(true);
  });

  it('OpenShift Insights abridged list: warnings with the offset timestamps', () => {
    const input = { kind: 'json' as const, doc: JSON.parse(readFixture('k8s_events/openshift_insights_events_openshift-machine-api.json')) as unknown, skippedLines: 0 };
    expect(fmt.detect(input)).toBe(true);
    const l = logs(fmt.parse(input, { now: NOW }));
    expect(l).toHaveLength(2);
    expect(l[0]).toMatchObject({ severity: 'warn', service: 'openshift-machine-api', ts: Date.parse('2022-08-24T09:40:44Z') });
    expect(l[1]?.body).toContain('cluster-lrqft-worker-us-east-2c-rlfpx');
  });

  it('a failed Job (from the Argo CD fixtures) is an error log', () => {
    const b = parseKubernetes(yamlDocs(readFixture('argocd/argocd_controller_job-failed.yaml')), NOW);
    expect(logs(b)).toEqual([expect.objectContaining({ severity: 'error', service: 'fail', ts: Date.parse('2018-12-02T08:09:27Z') })]);
    expect(logs(b)[0]?.body).toContain('BackoffLimitExceeded');
  });
});

const pod = (reason: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'vllm-llama70b-6d9f7c5b8-x2x9q', namespace: 'inference', uid: 'u1' },
  status: {
    containerStatuses: [
      { name: 'vllm', restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { reason, exitCode: 137, finishedAt: '2026-03-14T02:50:00Z' } } },
    ],
  },
});

describe('kubernetes: pods, OOM, rollbacks, scaling', () => {
  it('OOMKilled restart → error log on the workload; other reasons → warn', () => {
    const [oom] = logs(parseKubernetes([pod('OOMKilled')], NOW));
    expect(oom).toMatchObject({ severity: 'error', service: 'vllm-llama70b', ts: Date.parse('2026-03-14T02:50:00Z') });
    expect(oom?.body).toContain('OOMKilled, exit code 137; now CrashLoopBackOff');
    expect(logs(parseKubernetes([pod('Error')], NOW))[0]?.severity).toBe('warn');
    // the same snapshot twice in a watch stream is one restart
    expect(logs(parseKubernetes([pod('OOMKilled'), { type: 'MODIFIED', object: pod('OOMKilled') }], NOW))).toHaveLength(1);
  });

  it('OOMKilling event → error; BackOff warning → warn; HPA rescale → scale change', () => {
    const ev = (reason: string, type: string, kind = 'Pod', name = 'db-0', message = 'x') => ({
      kind: 'Event',
      apiVersion: 'v1',
      reason,
      type,
      message,
      lastTimestamp: '2026-03-14T02:50:00Z',
      involvedObject: { kind, name, namespace: 'ns' },
      metadata: { uid: `${reason}-uid` },
    });
    const b = parseKubernetes([{ kind: 'EventList', items: [ev('OOMKilling', 'Warning'), ev('BackOff', 'Warning'), ev('SuccessfulRescale', 'Normal', 'HorizontalPodAutoscaler', 'vllm', 'New size: 4; reason: cpu above target')] }], NOW);
    expect(logs(b).map((l) => [l.severity, l.service])).toEqual([['error', 'db'], ['warn', 'db'], ['info', 'vllm']]);
    expect(changes(b)).toEqual([expect.objectContaining({ changeType: 'scale', target: 'vllm', to: '4' })]);
  });

  it('a ReplicaSet re-activated at a higher revision is a rollback', () => {
    const rs = (name: string, rev: number, image: string, extra: Record<string, string> = {}) => ({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name, namespace: 'ns', creationTimestamp: `2026-03-14T0${rev}:00:00Z`, annotations: { 'deployment.kubernetes.io/revision': String(rev), ...extra }, ownerReferences: [{ kind: 'Deployment', name: 'api' }] },
      spec: { template: { spec: { containers: [{ image }] } } },
    });
    const b = parseKubernetes([rs('api-aaaaaa', 1, 'api:1'), rs('api-bbbbbb', 2, 'api:2'), rs('api-aaaaaa', 3, 'api:1', { 'deployment.kubernetes.io/revision-history': '1' })], NOW);
    const c = changes(b);
    expect(c.map((x) => [x.changeType, x.from, x.to])).toEqual([['deploy', undefined, 'api:1'], ['deploy', 'api:1', 'api:2'], ['rollback', 'api:2', 'api:1']]);
  });

  it('a Deployment observed at two replica counts with the same template → scale', () => {
    const d = (replicas: number, t: string) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'ns', resourceVersion: t, managedFields: [{ time: t }] }, spec: { replicas, template: { spec: { containers: [{ image: 'api:1' }] } } } });
    const c = changes(parseKubernetes([d(2, '2026-03-14T01:00:00Z'), d(6, '2026-03-14T02:00:00Z')], NOW));
    expect(c).toEqual([expect.objectContaining({ changeType: 'scale', from: '2', to: '6', ts: Date.parse('2026-03-14T02:00:00Z') })]);
  });

  it('does not claim Argo CD Applications or unrelated JSON', () => {
    expect(fmt.detect({ kind: 'yaml', docs: [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application' }] })).toBe(false);
    expect(fmt.detect({ kind: 'json', doc: { resourceSpans: [] }, skippedLines: 0 })).toBe(false);
    expect(fmt.detect({ kind: 'text', text: 'x' })).toBe(false);
  });

  it('rejects a non-object list item with its path', () => {
    expect(() => parseKubernetes([{ kind: 'EventList', items: [{ kind: 'Event' }, 42] }], NOW)).toThrow(/list item is not an object/);
    try {
      parseKubernetes([{ kind: 'EventList', items: [42] }], NOW);
    } catch (e) {
      expect((e as { where?: { path?: string } }).where?.path).toBe('$.items[0]');
    }
  });
});
