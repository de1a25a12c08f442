/**
 * Writes one scenario at one seed into a store's bulk writer: the world, the background traffic
 * (Poisson arrivals per flow, second by second), the metric samples and the fault's scripted
 * events, all in time order. Deterministic for a scenario, seed and scale.
 */
import type { EventInput } from '../../shared/events';
import { createRng, type Rng } from '../demo/prng';
import type { BulkWriter } from '../store/api';
import { housekeepingFlow, routineScript } from './background';
import { Emitter } from './emit';
import { agentFlow } from './flows/agent';
import type { Flow, FlowCtx } from './flows/common';
import { ragFlow } from './flows/rag';
import { billingFlow, checkoutFlow, ordersFlow, searchFlow } from './flows/web';
import { SAMPLE_MS, createSampler } from './metrics';
import type { ScenarioDef, ScenarioLabel } from './types';
import { createWorld, type World } from './world';

/** Requests per second of each flow at scale 1. */
export const BASE_RATES: Readonly<Record<string, number>> = {
  agent: 0.3,
  rag: 0.3,
  checkout: 0.3,
  orders: 0.6,
  search: 0.7,
  billing: 0.12,
  housekeeping: 0.15,
};

const FLOWS: Readonly<Record<string, Flow>> = {
  agent: agentFlow,
  rag: ragFlow,
  checkout: checkoutFlow,
  orders: ordersFlow,
  search: searchFlow,
  billing: billingFlow,
  housekeeping: housekeepingFlow,
};

export interface ScenarioOptions {
  seed: number;
  /** Traffic multiplier (default 1, about 30–40k events over the window). */
  scale?: number;
  /** Minutes of history before the fault's anchor and after it (drawn per seed when absent). */
  beforeMin?: number;
  afterMin?: number;
}

export interface GeneratedScenario {
  label: ScenarioLabel;
  seed: number;
  /** The window to analyse, and the fault's anchor inside it. */
  from: number;
  to: number;
  t0: number;
  events: number;
  series: number;
  world: World;
}

function poisson(rng: Rng, lambda: number): number {
  if (lambda <= 0) return 0;
  if (lambda > 30) return Math.max(0, Math.round(rng.normal(lambda, Math.sqrt(lambda))));
  const l = Math.exp(-lambda);
  let k = 0;
  let p = rng.next();
  while (p > l) {
    k++;
    p *= rng.next();
  }
  return k;
}

export function writeScenario(writer: BulkWriter, def: ScenarioDef, opts: ScenarioOptions): GeneratedScenario {
  const seed = opts.seed >>> 0;
  const scale = opts.scale ?? 1;
  const world = createWorld({ seed, ...(opts.beforeMin !== undefined ? { beforeMin: opts.beforeMin } : {}), ...(opts.afterMin !== undefined ? { afterMin: opts.afterMin } : {}) });
  const parts = def.build(world, createRng(seed ^ 0xfa017));
  const rng = createRng(seed ^ 0x7a3f1c);
  const emit = new Emitter(world, createRng(seed ^ 0x5c1e9));
  routineScript(emit, world, createRng(seed ^ 0xb6c0));
  parts.script(emit);
  const ctx: FlowCtx = { world, knobs: parts.knobs, rng, emit };
  const sampler = createSampler(writer, world, parts, createRng(seed ^ 0x3e7a11));
  let events = 0;
  const write = (e: EventInput): void => {
    writer.event(e);
    events++;
  };
  const flows = Object.entries(FLOWS);
  let nextSample = world.from;
  for (let start = world.from; start < world.to; start += 1_000) {
    const end = start + 1_000;
    for (; nextSample < end; nextSample += SAMPLE_MS) sampler.sample(nextSample);
    for (const [name, flow] of flows) {
      const rate = (BASE_RATES[name] ?? 0) * scale * (parts.knobs.trafficMul?.(name, start) ?? 1);
      const n = poisson(rng, rate);
      const arrivals = Array.from({ length: n }, () => Math.floor(rng.range(start, end))).sort((a, b) => a - b);
      for (const ts of arrivals) flow(ctx, ts);
    }
    while (emit.heap.peekTs() < end) {
      const e = emit.heap.pop();
      if (e) write(e);
    }
  }
  for (let e = emit.heap.pop(); e; e = emit.heap.pop()) write(e);
  return { label: parts.label, seed, from: world.from, to: world.to, t0: world.t0, events, series: sampler.seriesCount, world };
}
