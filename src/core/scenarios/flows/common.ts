/** What every traffic flow gets: the world, the fault's knobs, draws, and the emitter. */
import type { Rng } from '../../demo/prng';
import type { Emitter } from '../emit';
import type { Knobs } from '../types';
import type { PodInfo, Svc, World } from '../world';

export interface FlowCtx {
  world: World;
  knobs: Knobs;
  rng: Rng;
  emit: Emitter;
}

/** A request flow: emits one request's events starting at `ts`. */
export type Flow = (ctx: FlowCtx, ts: number) => void;

export const traceId = (ctx: FlowCtx): string => ctx.rng.hex(32);
export const spanId = (ctx: FlowCtx): string => ctx.rng.hex(16);
export const user = (ctx: FlowCtx): string => ctx.rng.pick(ctx.world.users);
/** The pod that serves one request at `t`. */
export const podOf = (ctx: FlowCtx, s: Svc, t: number): PodInfo => ctx.rng.pick(ctx.knobs.pods?.(s.name, t) ?? s.pods);

/** Span attributes that place a server span on its pod and node (as the collector's k8sattributes processor adds them). */
export const placement = (p: PodInfo): Record<string, string> => ({ 'k8s.pod.name': p.name, 'k8s.node.name': p.node, 'k8s.namespace.name': p.namespace });

/** Log with a probability (healthy request logs are sampled; errors are always logged). */
export const sampled = (ctx: FlowCtx, p: number): boolean => ctx.rng.chance(p);

/** Latency with a long tail: lognormal-ish around `median` ms. */
export function latency(ctx: FlowCtx, median: number, spread = 0.35): number {
  return Math.max(1, Math.round(median * Math.exp(ctx.rng.normal(0, spread))));
}

/** Latency multiplier of a pod's requests (noisy neighbour), 1 when healthy. */
export const slowOf = (ctx: FlowCtx, pod: PodInfo, t: number): number => ctx.knobs.podSlow?.(pod.name, t) ?? 1;
