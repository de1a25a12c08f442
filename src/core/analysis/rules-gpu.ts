/** Pattern rules for GPUs and inference servers: Xid faults, thermal/power throttling, KV-cache saturation. */
import { candidate, entitiesOf, relatedSignals, uniq, type Candidate, type RuleInput } from './candidate';
import { nameOf } from './entities';
import { clusters, earliest, groupBy, is, main } from './rules-kit';
import type { Signal } from './types';

export function xidRule(inp: RuleInput): Candidate[] {
  const out: Candidate[] = [];
  for (const [node, ss] of groupBy(inp.signals.filter(is('xid')), (s) => main(s, 'node') ?? main(s, 'gpu'))) {
    const hw = ss.some((s) => s.detail?.origin === 'hardware');
    const victims = relatedSignals(inp, [node], (s) => s.symptom || s.kind === 'gpu_util' || s.kind === 'queue', earliest(ss) - inp.bucketMs, true);
    victims.push(...inp.signals.filter((s) => s.kind === 'alert' && s.failureClass === 'gpu' && !victims.includes(s)));
    out.push(
      candidate({
        key: `xid:${node}`,
        title: `GPU fault on ${nameOf(node)}: Xid ${uniq(ss.map((s) => String(s.detail?.xid ?? '?'))).join(', ')}${hw ? ' (hardware: the node is unhealthy)' : ' (application-level)'}`,
        category: 'infrastructure',
        runbook: 'gpu-xid-unhealthy-node',
        source: 'xid',
        entities: uniq([...entitiesOf(ss, 6), node, ...inp.rel.onNode(`node:${nameOf(node)}`).map((k) => `workload:${k.slice(4)}`).slice(0, 3)]),
        supporting: [...ss, ...victims],
        anchorAt: earliest(ss),
        prior: hw ? 1 : 0.6,
      }),
    );
  }
  return out;
}

export function thermalRule(inp: RuleInput): Candidate[] {
  const out: Candidate[] = [];
  const throttles = inp.signals.filter(is('gpu_throttle_thermal', 'gpu_throttle_power'));
  const byGpu = groupBy(throttles, (s) => s.entities[0]);
  for (const [gpu, ss] of byGpu) {
    const related = relatedSignals(inp, [gpu], (s) => (s.kind === 'gpu_clock' && s.direction === 'down') || s.kind === 'gpu_temperature', earliest(ss) - 10 * inp.bucketMs);
    const victims = relatedSignals(inp, ss[0]?.entities ?? [gpu], (s) => s.symptom || s.kind === 'queue' || s.kind === 'kv_cache', earliest(ss) - inp.bucketMs, true);
    const thermal = ss.some((s) => s.kind === 'gpu_throttle_thermal');
    out.push(
      candidate({
        key: `throttle:${gpu}`,
        title: `${thermal ? 'Thermal' : 'Power'} throttling of ${nameOf(gpu)}`,
        category: 'infrastructure',
        runbook: 'gpu-thermal-throttling',
        source: 'gpu-throttle',
        entities: uniq([...(ss[0]?.entities ?? [gpu])]),
        supporting: [...ss, ...related, ...victims],
        anchorAt: earliest(ss),
        prior: 0.95,
      }),
    );
  }
  // Clocks dropping while hot, without a throttle-reason series: still throttling.
  const clocks = inp.signals.filter((s) => s.kind === 'gpu_clock' && s.direction === 'down' && !throttles.some((t) => inp.rel.related(t.entities, s.entities)));
  for (const c of clocks) {
    const hot = relatedSignals(inp, [c.entities[0] ?? ''], is('gpu_temperature'), c.at - 20 * inp.bucketMs);
    if (hot.length === 0) continue;
    out.push(
      candidate({
        key: `throttle:${c.entities[0] ?? ''}`,
        title: `GPU clocks dropping on a hot GPU ${nameOf(c.entities[0] ?? 'gpu:?')}`,
        category: 'infrastructure',
        runbook: 'gpu-thermal-throttling',
        source: 'gpu-throttle',
        entities: c.entities,
        supporting: [c, ...hot],
        anchorAt: Math.min(c.at, earliest(hot)),
        prior: 0.8,
      }),
    );
  }
  // Temperature alone: kept as a rejected hypothesis (it did not throttle anything).
  for (const t of inp.signals.filter(is('gpu_temperature'))) {
    if (out.some((c) => inp.rel.related(c.entities, t.entities))) continue;
    out.push(
      candidate({
        key: `throttle:${t.entities[0] ?? ''}`,
        title: `Thermal throttling of ${nameOf(t.entities[0] ?? 'gpu:?')}`,
        category: 'infrastructure',
        runbook: 'gpu-thermal-throttling',
        source: 'gpu-throttle',
        entities: t.entities,
        supporting: [t],
        anchorAt: t.at,
        prior: 0.5,
        rejectReason: `the temperature rose (${Math.round(Number(t.detail?.baseline ?? 0))} → ${Math.round(Number(t.detail?.observed ?? 0))}) but no throttling and no clock drop was recorded for it`,
      }),
    );
  }
  return out;
}

export function kvRule(inp: RuleInput): Candidate[] {
  const kv = inp.signals.filter((s) => is('kv_cache', 'queue')(s) || s.failureClass === 'kv_cache');
  if (!kv.some((s) => s.kind === 'kv_cache' || s.kind === 'queue')) return [];
  const out: Candidate[] = [];
  for (const ss of clusters(inp, kv)) {
    const w = main(ss[0] as Signal, 'workload') ?? main(ss[0] as Signal, 'model') ?? main(ss[0] as Signal, 'service') ?? (ss[0] as Signal).entities[0] ?? 'service:?';
    const latency = relatedSignals(inp, entitiesOf(ss, 8), (s) => s.kind === 'latency' || s.kind === 'llm_error', earliest(ss) - 2 * inp.bucketMs);
    out.push(
      candidate({
        key: `kv:${w}`,
        title: `KV-cache saturation / request queueing on ${nameOf(w)}`,
        category: 'infrastructure',
        runbook: 'kv-cache-saturation',
        source: 'kv-cache',
        entities: uniq([w, ...entitiesOf(ss, 8)]),
        supporting: [...ss, ...latency],
        anchorAt: earliest(ss),
        prior: ss.some((s) => s.kind === 'kv_cache') ? 0.9 : 0.7,
      }),
    );
  }
  return out;
}

