import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { ChangeEvent, EventInput, LogRecord } from '../../../shared/events';
import type { ParsedInput } from '../../import/formats/types';
import { describeFixtures, readFixture } from '../../testing/fixtures';
import { argocdFormats, parseArgo } from './formats';

const NOW = Date.UTC(2026, 2, 14);
const fmt = argocdFormats[0]!;
const yamlInput = (rel: string): ParsedInput => ({ kind: 'yaml', docs: parseAllDocuments(readFixture(rel)).map((d) => d.toJSON() as unknown) });
const changes = (e: EventInput[]): ChangeEvent[] => e.filter((x): x is ChangeEvent => x.kind === 'change');
const logs = (e: EventInput[]): LogRecord[] => e.filter((x): x is LogRecord => x.kind === 'log');

describeFixtures('argocd: recorded payloads', () => {
  for (const [label, input] of [
    ['YAML', () => yamlInput('argocd/argocd_application_with_status_history_diff-cache.yaml')],
    ['JSON', () => ({ kind: 'json', doc: JSON.parse(readFixture('argocd/argocd_application_with_status_history_diff-cache.json')) as unknown, skippedLines: 0 }) as ParsedInput],
  ] as const) {
    it(`Application with history (${label}): 10 deploys, re-syncs flagged, the sync succeeded`, () => {
      const i = input();
      expect(fmt.detect(i)).toBe(true);
      const { events } = fmt.parse(i, { now: NOW });
      const c = changes(events);
      expect(c).toHaveLength(10);
      expect(c[0]).toMatchObject({ changeType: 'deploy', service: 'velero-test', ts: Date.parse('2024-03-04T22:00:06Z'), to: 'ea8759964626a583667a2bfd08f334ec2070040a', durMs: 1000, source: 'argocd' });
      expect(c[0]?.summary).toContain('deployed ea87599 from');
      expect(c[1]?.attrs?.['argocd.resync']).toBe(true);
      expect(c.every((x) => x.changeType === 'deploy')).toBe(true);
      const op = logs(events).find((l) => l.attrs?.['argocd.phase'] === 'Succeeded');
      expect(op).toMatchObject({ severity: 'info', ts: Date.parse('2024-03-05T07:33:04Z') });
      expect(op?.attrs?.['argocd.initiated_by']).toBe('foo@example.com');
    });
  }

  it('degraded Application → warn log; healthy → nothing', () => {
    const degraded = fmt.parse(yamlInput('argocd/argocd_gitops-engine_application-degraded.yaml'), { now: NOW });
    expect(logs(degraded.events)).toEqual([expect.objectContaining({ severity: 'warn', ts: NOW })]);
    expect(fmt.parse(yamlInput('argocd/argocd_gitops-engine_application-healthy.yaml'), { now: NOW }).events).toEqual([]);
  });

  it('child Applications without status import as zero events', () => {
    for (const f of ['argocd/argocd_live-child-application.yaml', 'argocd/argocd_target-child-application.yaml']) {
      const i = yamlInput(f);
      expect(fmt.detect(i)).toBe(true);
      expect(fmt.parse(i, { now: NOW }).events).toEqual([]);
    }
  });

  it('Rollouts: aborted → rollback + warn, timed out → degraded warn, canary progressing → deploy', () => {
    const aborted = fmt.parse(yamlInput('argocd/argo-rollouts_degraded_abortedRollout.yaml'), { now: NOW }).events;
    expect(changes(aborted)).toEqual([expect.objectContaining({ changeType: 'rollback', target: 'canary-demo', to: 'argoproj/rollouts-demo:yellow', ts: Date.parse('2019-11-05T18:20:12Z') })]);
    expect(logs(aborted)[0]?.body).toBe('Rollout canary-demo aborted: Rollout is aborted');
    const timeout = fmt.parse(yamlInput('argocd/argo-rollouts_degraded_rolloutTimeout.yaml'), { now: NOW }).events;
    expect(logs(timeout)[0]).toMatchObject({ severity: 'warn', service: 'guestbook-bluegreen-helm-guestbook' });
    expect(changes(timeout)[0]?.attrs?.['rollout.state']).toBe('degraded');
    const canary = fmt.parse(yamlInput('argocd/argo-rollouts_canary_progressing_setWeightStep.yaml'), { now: NOW }).events;
    expect(canary).toEqual([expect.objectContaining({ changeType: 'deploy', ts: Date.parse('2019-04-26T20:19:29Z'), to: 'quay.io/argoprojlabs/argocd-e2e-container:0.2' })]);
    expect(changes(canary)[0]?.attrs).toMatchObject({ 'rollout.state': 'progressing', 'rollout.step': 3, 'rollout.strategy': 'canary' });
  });

  it('a batch/v1 Job is not an Argo CD object', () => {
    expect(fmt.detect(yamlInput('argocd/argocd_controller_job-failed.yaml'))).toBe(false);
  });
});

describe('argocd: rollback detection', () => {
  const app = (revs: string[], opRev: string, phase = 'Succeeded') => ({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'support-agent', namespace: 'argocd' },
    status: {
      history: revs.map((r, i) => ({ id: i, revision: r, deployedAt: `2026-03-14T0${i}:00:00Z`, initiatedBy: { automated: true } })),
      operationState: { phase, startedAt: '2026-03-14T09:00:00Z', finishedAt: '2026-03-14T09:00:05Z', operation: { sync: { revision: opRev }, initiatedBy: { username: 'ic@example.com' } }, message: 'm' },
    },
  });
  it('history going back to an older revision is a rollback', () => {
    const c = changes(parseArgo([app(['aaa', 'bbb', 'aaa'], 'aaa')], NOW).events);
    expect(c.map((x) => x.changeType)).toEqual(['deploy', 'deploy', 'rollback']);
    expect(c[2]).toMatchObject({ from: 'bbb', to: 'aaa', author: 'argocd (automated)' });
  });
  it('an operation syncing an older revision than the latest history entry is a rollback; a failed sync is an error log', () => {
    const ev = parseArgo([app(['aaa', 'bbb'], 'aaa', 'Failed')], NOW).events;
    expect(changes(ev).at(-1)).toMatchObject({ changeType: 'rollback', from: 'bbb', to: 'aaa', author: 'ic@example.com' });
    expect(logs(ev)[0]?.severity).toBe('error');
  });
  it('rejects a non-object document with its path', () => {
    expect(() => parseArgo([app(['a'], 'a'), 'nope'], NOW)).toThrow(/expected an Argo CD/);
  });
});
