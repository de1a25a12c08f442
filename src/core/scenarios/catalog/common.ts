/** Small helpers the scenario definitions share. */
import type { Rng } from '../../demo/prng';
import type { Emitter } from '../emit';
import { MIN, type Svc, type World } from '../world';

/** The refs an engine may use for a workload: its service and workload names. */
export const svcRefs = (name: string): string[] => [`service:${name}`, `workload:${name}`];

/** A healthy deploy of `svc` shortly before the fault: a red herring. */
export function herringDeploy(emit: Emitter, w: World, svc: Svc, rng: Rng, minutesBefore: [number, number]): number {
  const ts = w.t0 - rng.int(minutesBefore[0] * 60, minutesBefore[1] * 60) * 1000;
  emit.argoDeploy({ svc, ts, author: rng.pick(w.authors), fromRev: rng.hex(40), toRev: rng.hex(40), durMs: rng.int(40, 110) * 1000 });
  return ts;
}

/** A feature flag flipped on `service` (no effect): a red herring. */
export function herringFlag(emit: Emitter, w: World, service: string, rng: Rng, minutesBefore: [number, number]): void {
  const flag = rng.pick(['rerank_v2', 'new_checkout_banner', 'async_receipts', 'compact_cart_ui', 'search_typo_tolerance']);
  emit.change({
    externalId: `flags:${service}:${flag}:${w.seed}`, ts: w.t0 - rng.int(minutesBefore[0] * 60, minutesBefore[1] * 60) * 1000, service, changeType: 'feature_flag',
    target: `${service}/${flag}`, author: rng.pick(w.authors), summary: `Flag ${flag} enabled for 100% of traffic on ${service}`, from: 'off', to: 'on', source: 'flag-service',
  });
}

export const minutes = (rng: Rng, lo: number, hi: number): number => rng.int(lo * 60, hi * 60) * 1000;
export { MIN };
