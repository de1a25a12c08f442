import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../shared/connections';
import { canonicalJson } from '../auth/canonical-json';
import { loadRunbookFile, type Runbook } from '../runbooks';
import { prometheusAvailable, startPrometheus } from '../testing/servers/prometheus';
import type { RunningServer } from '../testing/servers/process';
import { promqlRunner, runDiagnostics, type QueryRunner } from './diagnostics';
import { harness, type Harness } from './testing/harness';

const RUNBOOKS = resolve(__dirname, '..', '..', '..', 'runbooks');
const TO = Date.UTC(2026, 2, 14, 3, 30);
const WINDOW = { from: TO - 45 * 60_000, to: TO };
const VARS = { incident: { id: 'inc-42' }, alert: { name: 'KubePodCrashLooping', labels: { namespace: 'payments' } }, hypothesis: { id: 'h1', entities: { workload: 'checkout' } } };

function runbook(name: string): Runbook {
  const r = loadRunbookFile(resolve(RUNBOOKS, `${name}.yaml`));
  if (r.runbook === null) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.runbook;
}

let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(() => h.close());

describe('runDiagnostics: read-only steps run on their own and become evidence', () => {
  it('fills the templates, runs every verify_hypothesis and diagnose step (never a mitigation), and journals evidence', async () => {
    const calls: { kind: string; params: Record<string, unknown>; window: { from: number; to: number } }[] = [];
    const runner =
      (kind: string, samples: number[]): QueryRunner =>
      (params, window) => {
        calls.push({ kind, params: { ...params }, window });
        return Promise.resolve({ data: { kind, samples }, samples });
      };
    const evidence = await runDiagnostics(runbook('oom-after-deploy'), { runners: { promql: runner('promql', [2, 1]), store_query: runner('store_query', [1]) }, window: WINDOW, vars: VARS, journal: h.journal, hypothesisId: 'h1' });
    expect(evidence.map((e) => [e.stepId, e.action, e.status, e.value, e.passed])).toEqual([
      ['oom-kills', 'verify_hypothesis', 'ok', 3, true],
      ['deploy-before-onset', 'verify_hypothesis', 'ok', 1, true],
      ['memory-vs-limit', 'diagnose', 'ok', 2, null],
      ['restarts', 'diagnose', 'ok', 2, null],
    ]);
    expect(calls.map((c) => c.kind)).toEqual(['promql', 'store_query', 'promql', 'promql']);
    expect(String(calls[0]?.params.query)).toContain('namespace="payments"');
    expect(calls[1]?.params.where).toEqual({ changeType: 'deploy', target: 'checkout' });
    expect(calls[0]?.window).toEqual({ from: TO - 3_600_000, to: TO });
    expect(calls[3]?.window).toEqual(WINDOW);
    const first = evidence[0];
    expect(first?.resultDigest).toBe(createHash('sha256').update(canonicalJson({ kind: 'promql', samples: [2, 1] })).digest('hex'));
    const journaled = h.journal.list({ kind: 'evidence' });
    expect(journaled).toHaveLength(4);
    expect(journaled[0]?.payload).toMatchObject({ source: 'promql', window: { from: TO - 3_600_000, to: TO }, resultDigest: first?.resultDigest, hypothesisId: 'h1', detail: { runbook: 'oom-after-deploy', step: 'oom-kills', status: 'ok' } });
  });

  it('stops after a verify_hypothesis step with on_failure: abort that does not confirm, and reports a missing variable', async () => {
    const none: QueryRunner = () => Promise.resolve({ data: [], samples: [] });
    const ev = await runDiagnostics(runbook('oom-after-deploy'), { runners: { promql: none, store_query: none }, window: WINDOW, vars: VARS });
    expect(ev.map((e) => [e.stepId, e.status, e.passed])).toEqual([
      ['oom-kills', 'ok', false],
      ['deploy-before-onset', 'skipped', null],
      ['memory-vs-limit', 'skipped', null],
      ['restarts', 'skipped', null],
    ]);
    const noVars = await runDiagnostics(runbook('oom-after-deploy'), { runners: { promql: none, store_query: none }, window: WINDOW, vars: {} });
    expect(noVars[0]).toMatchObject({ status: 'error', error: 'no value for {{ alert.labels.namespace }}' });
  });

  it('a runner that does not answer within the step timeout is an error, not a hang', async () => {
    const rb = runbook('oom-after-deploy');
    const quick: Runbook = { ...rb, steps: rb.steps.filter((s) => s.id === 'restarts').map((s) => ({ ...s, timeout: '1s' })) };
    const ev = await runDiagnostics(quick, { runners: { promql: () => new Promise(() => undefined) }, window: WINDOW, vars: VARS });
    expect(ev[0]).toMatchObject({ status: 'error', error: 'no answer within 1s' });
  });
});

const haveProm = prometheusAvailable();
describe.skipIf(!haveProm && process.env.CI !== 'true')('promqlRunner against a real Prometheus', () => {
  let prom: RunningServer | undefined;
  beforeAll(async () => {
    prom = await startPrometheus();
  }, 30_000);
  afterAll(async () => {
    await prom?.stop();
  });

  it('runs a diagnostic PromQL step and digests the answer', async () => {
    const conn: Connection = { id: 'p', createdAt: 0, name: 'p', kind: 'prometheus', url: prom?.url ?? '', auth: { type: 'none' }, tls: { insecureSkipVerify: false }, headers: {}, options: {}, timeoutMs: 5_000 };
    const rb = runbook('oom-after-deploy');
    const step = rb.steps.find((s) => s.id === 'restarts');
    if (!step) throw new Error('step');
    const one: Runbook = { ...rb, steps: [{ ...step, params: { query: 'vector(3) * 2' } }] };
    const now = Date.now();
    const ev = await runDiagnostics(one, { runners: { promql: promqlRunner(conn) }, window: { from: now - 600_000, to: now }, vars: VARS });
    expect(ev[0]).toMatchObject({ status: 'ok', value: 6, kind: 'promql', query: '{"query":"vector(3) * 2"}' });
    expect(ev[0]?.resultDigest).toMatch(/^[0-9a-f]{64}$/);
  });
});
