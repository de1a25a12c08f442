/** Every metric pack, and lookups by stored name (used by the file formats too). */
import type { MetricLane } from '../../../../shared/events';
import { dcgmPack } from './dcgm';
import { infraPack } from './infra';
import type { MetricPack, PackQuery } from './types';
import { vllmPack } from './vllm';

export const METRIC_PACKS: readonly MetricPack[] = [dcgmPack, vllmPack, infraPack];

export const ALL_QUERIES: readonly PackQuery[] = METRIC_PACKS.flatMap((p) => p.queries);

/** Lane from a metric name: DCGM_ → gpu, vllm: → inference, everything else → infra. */
export function laneFor(name: string): MetricLane {
  if (name.startsWith('DCGM_') || name.startsWith('dcgm_')) return 'gpu';
  if (name.startsWith('vllm:') || name.startsWith('vllm_')) return 'inference';
  return 'infra';
}

const byName = new Map<string, PackQuery>();
for (const q of ALL_QUERIES) if (!byName.has(q.name)) byName.set(q.name, q);
/** Aliases: old and new names of the same metric, stored under one name. */
export const CANONICAL_NAMES: Readonly<Record<string, string>> = {
  'vllm:gpu_cache_usage_perc': 'vllm:kv_cache_usage_perc',
  DCGM_FI_DEV_CLOCKS_EVENT_REASONS: 'DCGM_FI_DEV_CLOCK_THROTTLE_REASONS',
};

/** The pack query that stores raw `name` (after aliasing), if any: its unit and value handling apply to scrapes too. */
export function packQueryForName(name: string): PackQuery | undefined {
  return byName.get((Object.hasOwn(CANONICAL_NAMES, name) ? CANONICAL_NAMES[name] : undefined) ?? name);
}
