import { describe, expect, it } from 'vitest';
import { EventInput, MetricSeriesInput, type AgentAction, type LlmCall, type LogRecord, type Span } from '../../shared/events';
import { EntityRef, HypothesisCategory } from '../../shared/hypotheses';
import { openStore } from '../store/store';
import { SCENARIOS, scenarioById } from './catalog/index';
import { writeScenario, type GeneratedScenario } from './generate';
import { pointsOf, recorder, type Recording } from './recorder';
import type { ScenarioDef } from './types';
import { MIN } from './world';

const RUNBOOKS = [
  'bad-prompt-release', 'tool-misuse', 'provider-outage-failover', 'token-cost-runaway', 'prompt-injection', 'gpu-xid-unhealthy-node', 'gpu-thermal-throttling',
  'kv-cache-saturation', 'db-pool-exhaustion', 'oom-after-deploy', 'certificate-expiry', 'upstream-dependency-outage', 'noisy-neighbour',
];
const SCALE = 0.35;

function generate(def: ScenarioDef, seed: number): { rec: Recording; g: GeneratedScenario } {
  const rec = recorder();
  const g = writeScenario(rec, def, { seed, scale: SCALE });
  return { rec, g };
}

const of = <K extends EventInput['kind']>(r: Recording, kind: K) => r.events.filter((e): e is Extract<EventInput, { kind: K }> => e.kind === kind);
const before = (g: GeneratedScenario) => (e: { ts: number }) => e.ts < g.t0;
const after = (g: GeneratedScenario, lagMin = 6) => (e: { ts: number }) => e.ts >= g.t0 + lagMin * MIN;
const rate = <T>(xs: T[], bad: (x: T) => boolean): number => (xs.length === 0 ? 0 : xs.filter(bad).length / xs.length);
const named = (g: GeneratedScenario, kind: string): string => {
  const ref = g.label.expected.entities.find((e) => e.startsWith(`${kind}:`));
  if (ref === undefined) throw new Error(`label has no ${kind} entity`);
  return ref.slice(kind.length + 1);
};

/** For each scenario: the fault's first symptoms exist in the generated data. */
const FAULT_VISIBLE: Record<string, (r: Recording, g: GeneratedScenario) => void> = {
  'bad-prompt-release': (r, g) => {
    const prompt = of(r, 'change').find((c) => c.changeType === 'prompt');
    expect(prompt?.ts).toBe(g.t0);
    const llm = of(r, 'llm_call').filter((c: LlmCall) => c.service === g.world.agent.name && c.outputValid !== undefined);
    const invalid = (c: LlmCall) => c.outputValid === false;
    expect(rate(llm.filter(before(g)), invalid)).toBeLessThan(0.05);
    expect(rate(llm.filter(after(g)), invalid)).toBeGreaterThan(0.1);
  },
  'provider-outage': (r, g) => {
    const model = named(g, 'model');
    const calls = of(r, 'llm_call').filter((c) => c.model === model);
    expect(rate(calls.filter(before(g)), (c) => c.status === 'error')).toBeLessThan(0.03);
    expect(rate(calls.filter((c) => c.ts >= g.t0 + 2 * MIN && c.ts < g.t0 + 12 * MIN), (c) => c.status === 'error')).toBeGreaterThan(0.35);
  },
  'token-cost-runaway': (r, g) => {
    const calls = of(r, 'llm_call').filter((c) => c.service === g.world.agent.name && c.provider === g.world.agent.llm.provider);
    const perTrace = (xs: LlmCall[]) => xs.length / new Set(xs.map((c) => c.traceId)).size;
    const costPerTrace = (xs: LlmCall[]) => xs.reduce((s, c) => s + c.costUsd, 0) / new Set(xs.map((c) => c.traceId)).size;
    expect(perTrace(calls.filter(after(g)))).toBeGreaterThan(1.8 * perTrace(calls.filter(before(g))));
    expect(costPerTrace(calls.filter(after(g)))).toBeGreaterThan(2 * costPerTrace(calls.filter(before(g))));
  },
  'tool-misuse': (r, g) => {
    const tool = named(g, 'tool');
    const acts = of(r, 'agent_action').filter((a: AgentAction) => a.tool === tool);
    const perMin = (xs: AgentAction[], min: number) => xs.length / min;
    expect(perMin(acts.filter(after(g)), (g.to - g.t0) / MIN - 6)).toBeGreaterThan(4 * perMin(acts.filter(before(g)), (g.t0 - g.from) / MIN) + 0.5);
    expect(rate(acts.filter(after(g)), (a) => a.outcome === 'denied' || a.outcome === 'invalid_args')).toBeGreaterThan(0.3);
  },
  'prompt-injection': (r, g) => {
    const injected = /ignore all previous instructions|disregard your prior rules|\[system\] new instructions/i;
    const seen = [...of(r, 'llm_call').map((c) => c.inputPreview ?? ''), ...of(r, 'agent_action').map((a) => String(a.attrs?.['gen_ai.tool.call.result'] ?? ''))];
    expect(seen.filter((s) => injected.test(s)).length).toBeGreaterThan(3);
    const steer = named(g, 'tool');
    expect(of(r, 'agent_action').filter((a) => a.tool === steer && a.outcome === 'denied' && a.ts >= g.t0).length).toBeGreaterThan(2);
    expect(of(r, 'agent_action').some((a) => a.tool === steer && String(a.attrs?.['gen_ai.tool.call.arguments'] ?? '').match(/exfil|relay|metrics-sync/))).toBe(true);
  },
  'gpu-xid': (r, g) => {
    const node = named(g, 'node');
    const xid = of(r, 'log').find((l: LogRecord) => typeof l.attrs?.['gpu.xid'] === 'number');
    expect(xid?.attrs?.['host.name']).toBe(node);
    const restarts = of(r, 'log').filter((l) => l.attrs?.['k8s.reason'] === 'Error' && String(l.attrs?.['k8s.pod'] ?? '').startsWith(g.world.vllm.name));
    expect(restarts.length).toBeGreaterThan(2);
    expect(of(r, 'span').some((s: Span) => s.service === g.world.vllm.gateway.name && s.status === 'error' && s.ts > g.t0)).toBe(true);
  },
  'gpu-thermal': (r, g) => {
    const node = named(g, 'node');
    const temps = pointsOf(r, 'DCGM_FI_DEV_GPU_TEMP', { Hostname: node });
    expect(Math.max(...temps.map(([, v]) => v))).toBeGreaterThan(85);
    const reasons = pointsOf(r, 'DCGM_FI_DEV_CLOCK_THROTTLE_REASONS', { Hostname: node }).filter(([, v]) => (v & 0x60) !== 0);
    expect(reasons.length).toBeGreaterThan(5);
    expect(reasons.every(([t]) => t > g.t0)).toBe(true);
  },
  'kv-cache-saturation': (r, g) => {
    const kv = pointsOf(r, 'vllm:kv_cache_usage_perc');
    expect(Math.max(...kv.filter(([t]) => t < g.t0).map(([, v]) => v))).toBeLessThan(0.6);
    expect(Math.max(...kv.map(([, v]) => v))).toBeGreaterThan(0.93);
    expect(of(r, 'log').some((l) => l.body.includes('not enough KV cache space'))).toBe(true);
  },
  'db-pool-exhaustion': (r, g) => {
    const orders = g.world.orders.name;
    expect(of(r, 'log').filter((l) => l.service === orders && l.body.includes('Connection is not available')).length).toBeGreaterThan(10);
    const server = of(r, 'span').filter((s) => s.service === orders && s.spanKind === 'server');
    expect(rate(server.filter(after(g)), (s) => s.status === 'error')).toBeGreaterThan(0.2);
    expect(rate(server.filter(before(g)), (s) => s.status === 'error')).toBeLessThan(0.02);
  },
  'oom-after-deploy': (r, g) => {
    const svc = named(g, 'service');
    const deploy = of(r, 'change').find((c) => c.service === svc && c.changeType === 'deploy' && c.ts === g.t0);
    expect(deploy?.source).toBe('argocd');
    const ooms = of(r, 'log').filter((l) => l.service === svc && l.attrs?.['k8s.reason'] === 'OOMKilled');
    expect(ooms.length).toBeGreaterThan(1);
    expect(ooms.every((l) => l.ts > g.t0)).toBe(true);
    const mem = pointsOf(r, 'container_memory_working_set_bytes').filter(([t]) => t > g.t0);
    expect(mem.length).toBeGreaterThan(0);
  },
  'upstream-outage-trap': (r, g) => {
    const peer = named(g, 'service');
    const calls = of(r, 'span').filter((s) => s.attrs?.['peer.service'] === peer);
    expect(rate(calls.filter(before(g)), (s) => s.status === 'error')).toBeLessThan(0.02);
    expect(rate(calls.filter((s) => s.ts >= g.t0 + 2 * MIN && s.ts < g.t0 + 12 * MIN), (s) => s.status === 'error')).toBeGreaterThan(0.3);
    const trapped = g.label.trap?.mustNotRankFirst[0]?.replace(/^service:/, '');
    const deploy = of(r, 'change').find((c) => c.service === trapped && c.changeType === 'deploy' && c.ts < g.t0 && c.ts > g.t0 - 5 * MIN);
    expect(deploy).toBeDefined();
  },
  'noisy-neighbour': (r, g) => {
    const node = named(g, 'node');
    const cpu = pointsOf(r, 'node_cpu_utilisation', { instance: node });
    expect(Math.max(...cpu.filter(([t]) => t < g.t0).map(([, v]) => v))).toBeLessThan(0.7);
    expect(Math.max(...cpu.map(([, v]) => v))).toBeGreaterThan(0.95);
    expect(of(r, 'log').some((l) => l.body.startsWith('Scheduled:') && l.body.endsWith(node))).toBe(true);
  },
  'certificate-expiry': (r, g) => {
    const tls = of(r, 'span').filter((s) => (s.statusMessage ?? '').includes('x509: certificate has expired'));
    expect(tls.length).toBeGreaterThan(10);
    expect(tls.every((s) => s.ts >= g.t0)).toBe(true);
  },
};

describe('scenario suite', () => {
  it('has at least 12 scenarios with distinct ids, each with a fault check', () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(12);
    expect(new Set(SCENARIOS.map((s) => s.id)).size).toBe(SCENARIOS.length);
    for (const s of SCENARIOS) expect(FAULT_VISIBLE[s.id], s.id).toBeTypeOf('function');
    expect(scenarioById('gpu-xid')?.id).toBe('gpu-xid');
  });

  it('sets the false-correlation trap on the upstream outage', () => {
    const { g } = generate(scenarioById('upstream-outage-trap') as ScenarioDef, 5);
    expect(g.label.trap?.mustNotRankFirst.length).toBeGreaterThan(0);
    expect(g.label.trap?.mustNotRankFirst.some((e) => g.label.expected.entities.includes(e))).toBe(false);
  });

  for (const def of SCENARIOS) {
    describe(def.id, () => {
      const a = generate(def, 11);
      it('is deterministic per seed and differs across seeds', () => {
        const b = generate(def, 11);
        const c = generate(def, 12);
        expect(b.rec.digest()).toBe(a.rec.digest());
        expect(c.rec.digest()).not.toBe(a.rec.digest());
        expect(c.g.label).not.toEqual(undefined);
      });

      it('writes valid events and series in time order, with a well-formed label', () => {
        let last = -Infinity;
        for (const e of a.rec.events) {
          EventInput.parse(e);
          expect(e.ts).toBeGreaterThanOrEqual(last);
          last = e.ts;
        }
        for (const s of a.rec.defs) MetricSeriesInput.parse({ ...s, points: [] });
        const { expected } = a.g.label;
        expect(HypothesisCategory.options).toContain(expected.category);
        expect(RUNBOOKS).toContain(expected.runbook);
        expect(expected.entities.length).toBeGreaterThan(0);
        for (const e of expected.entities) EntityRef.parse(e);
        expect(a.g.from).toBeLessThan(a.g.t0 - 30 * MIN);
        expect(a.g.to).toBeGreaterThan(a.g.t0 + 20 * MIN);
      });

      it('has a mixed background: several services, LLM calls, tool calls, metrics on all lanes, a change', () => {
        const services = new Set(a.rec.events.map((e) => e.service));
        expect(services.size).toBeGreaterThanOrEqual(8);
        for (const kind of ['llm_call', 'agent_action', 'span', 'log', 'change', 'alert'] as const) expect(of(a.rec, kind).length, kind).toBeGreaterThan(0);
        expect(new Set(a.rec.defs.map((s) => s.lane))).toEqual(new Set(['gpu', 'inference', 'infra']));
        expect(of(a.rec, 'log').filter(before(a.g)).some((l) => l.severity === 'error')).toBe(true);
      });

      it('shows its fault in the data, which the healthy background alone does not', () => {
        FAULT_VISIBLE[def.id]?.(a.rec, a.g);
        const healthy: ScenarioDef = { ...def, build: (w, rng) => ({ label: def.build(w, rng).label, knobs: {}, script: () => {} }) };
        const h = generate(healthy, 11);
        expect(() => FAULT_VISIBLE[def.id]?.(h.rec, h.g)).toThrow();
      });
    });
  }

  it('ingests every scenario into the store without duplicates', () => {
    for (const def of SCENARIOS) {
      const store = openStore(':memory:');
      try {
        const w = store.bulk();
        const g = writeScenario(w, def, { seed: 3, scale: 0.15 });
        const stats = w.commit();
        expect(stats.duplicates, def.id).toBe(0);
        expect(stats.events).toBe(g.events);
        expect(store.stats().events).toBe(g.events);
      } finally {
        store.close();
      }
    }
  }, 120_000);
});
