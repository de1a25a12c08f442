/**
 * Pattern rules: each recognises one failure mode from generic signals (kinds, failure classes,
 * entity kinds), never from names of particular services.
 */
import type { OutcomeMix } from './agent-detail';
import { misuseShare } from './agent-detail';
import { candidate, entitiesOf, relatedSignals, uniq, type Candidate, type RuleInput } from './candidate';
import { kindOf, nameOf } from './entities';
import type { Signal, SignalKind } from './types';

const is = (...kinds: SignalKind[]) => (s: Signal): boolean => kinds.includes(s.kind);
const main = (s: Signal, kind: string): string | undefined => s.entities.find((e) => kindOf(e) === kind);
const groupBy = (signals: readonly Signal[], key: (s: Signal) => string | undefined): Map<string, Signal[]> => {
  const m = new Map<string, Signal[]>();
  for (const s of signals) {
    const k = key(s);
    if (k === undefined) continue;
    (m.get(k) ?? m.set(k, []).get(k))?.push(s);
  }
  return new Map([...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
};
/** Groups signals whose entities are related (connected components, strongest first). */
function clusters(inp: RuleInput, signals: readonly Signal[]): Signal[][] {
  const out: Signal[][] = [];
  for (const s of [...signals].sort((a, b) => b.strength - a.strength || a.at - b.at)) {
    const home = out.find((c) => c.some((t) => inp.rel.related(t.entities, s.entities)));
    if (home !== undefined) home.push(s);
    else out.push([s]);
  }
  return out;
}
/** When the strong signals of a group started (weak early blips do not move it). */
const earliest = (ss: readonly Signal[]): number => {
  const max = Math.max(...ss.map((s) => s.strength));
  return Math.min(...ss.filter((s) => s.strength >= Math.min(0.2, max) && s.strength >= 0.5 * max).map((s) => s.at));
};

/** Prompt versions / models that appeared in the window and fail more than the ones before. */
function versionRule(inp: RuleInput): Candidate[] {
  return inp.signals.filter(is('version_regression')).map((v) => {
    const dim = v.detail?.dimension === 'pv' ? 'prompt version' : 'model';
    const svc = main(v, 'service');
    const quality = relatedSignals(inp, svc !== undefined ? [svc] : v.entities, (s) => s.kind !== 'traffic' && s.kind !== 'version_regression' && (s.symptom || s.kind === 'tokens'), v.at - inp.bucketMs);
    return candidate({
      key: `version:${v.entities[0] ?? ''}`,
      title: `Regression from ${dim} ${String(v.detail?.version ?? '')} of ${nameOf(svc ?? 'service:?')}`,
      category: 'model',
      runbook: 'bad-prompt-release',
      source: 'version-regression',
      entities: uniq([...v.entities]),
      supporting: [v, ...quality],
      anchorAt: v.at,
      prior: 1,
    });
  });
}

function toolRule(inp: RuleInput, mix: readonly OutcomeMix[]): Candidate[] {
  const out: Candidate[] = [];
  for (const [tool, ss] of groupBy(inp.signals.filter(is('tool_error', 'tool_combo', 'agent_frequency')), (s) => main(s, 'tool'))) {
    const svc = ss.map((s) => main(s, 'service')).find((x) => x !== undefined);
    const m = mix.find((x) => `tool:${x.tool}` === tool && (svc === undefined || `service:${x.service}` === svc));
    const share = misuseShare(m);
    const behavioural = ss.some((s) => s.kind === 'tool_combo' || s.kind === 'agent_frequency');
    const errs = ss.filter(is('tool_error'));
    const entities = uniq([tool, ...(svc !== undefined ? [svc] : []), ...entitiesOf(ss, 4)]);
    if (errs.length > 0 && share < 0.4 && !behavioural) {
      out.push(
        candidate({
          key: `tool-backend:${tool}`,
          title: `Tool ${nameOf(tool)} is failing (timeouts and errors from its backend)`,
          category: 'dependency',
          runbook: 'upstream-dependency-outage',
          source: 'tool-backend',
          entities,
          supporting: ss,
          anchorAt: earliest(ss),
          prior: 0.8,
        }),
      );
      continue;
    }
    out.push(
      candidate({
        key: `tool-misuse:${tool}`,
        title: `Agent misusing tool ${nameOf(tool)}${share >= 0.4 ? ` (${Math.round(share * 100)}% of its failures are invalid arguments or denials)` : behavioural ? ' (unusual call pattern)' : ''}`,
        category: 'agent',
        runbook: 'tool-misuse',
        source: 'tool-misuse',
        entities,
        supporting: ss,
        anchorAt: earliest(ss),
        prior: behavioural || share >= 0.4 ? 0.9 : 0.7,
      }),
    );
  }
  return out;
}

const PROVIDER_HOST = /openai|anthropic|azure|googleapis|vertex|bedrock|cohere|mistral|groq|together|fireworks|deepseek|perplexity|openrouter|generativelanguage/i;

function providerRule(inp: RuleInput): Candidate[] {
  const out: Candidate[] = [];
  const prov = inp.signals.filter((s) => (s.kind === 'llm_error' && main(s, 'provider') !== undefined) || (s.kind === 'dependency_error' && PROVIDER_HOST.test(String(s.detail?.peer ?? ''))));
  for (const [p, ss] of groupBy(prov, (s) => main(s, 'provider') ?? `provider:${String(s.detail?.peer ?? '')}`)) {
    const logs = inp.signals.filter((s) => s.failureClass === 'provider' && s.at >= earliest(ss) - 5 * inp.bucketMs);
    out.push(
      candidate({
        key: `provider:${p}`,
        title: `LLM provider ${nameOf(p)} failing (errors, rate limits or timeouts)`,
        category: 'dependency',
        runbook: 'provider-outage-failover',
        source: 'provider-errors',
        entities: uniq([p, ...entitiesOf([...ss, ...logs], 6)]),
        supporting: [...ss, ...logs],
        anchorAt: earliest(ss),
        prior: 0.95,
      }),
    );
  }
  return out;
}

function costRule(inp: RuleInput): Candidate[] {
  const cost = inp.signals.filter(
    (s) => s.kind === 'cost' || (s.kind === 'tokens' && s.detail?.metric === 'tokens_per_call' && Number(s.detail.observed ?? 0) >= 2 * Number(s.detail.baseline ?? Infinity)),
  );
  if (cost.length === 0 || Math.max(...cost.map((s) => s.strength)) < 0.2) return [];
  const at = earliest(cost);
  const agentSide = inp.signals.filter((s) => (s.kind === 'agent_frequency' || s.kind === 'tool_combo') && Math.abs(s.at - at) <= 5 * inp.bucketMs);
  const tokens = inp.signals.filter((s) => s.kind === 'tokens' && !cost.includes(s));
  const entities = uniq(entitiesOf([...cost, ...tokens, ...agentSide], 8));
  return [
    candidate({
      key: 'cost',
      title: agentSide.length > 0 ? 'Token cost runaway from an agent calling tools and the model in a loop' : 'Token cost runaway (more tokens or a pricier model per call)',
      category: agentSide.length > 0 ? 'agent' : 'model',
      runbook: 'token-cost-runaway',
      source: 'cost-runaway',
      entities,
      supporting: [...cost, ...tokens, ...agentSide],
      anchorAt: at,
      // Without a cost signal (unpriced or self-hosted models) it is token demand, weaker evidence of a cost runaway.
      prior: cost.some((s) => s.kind === 'cost') ? 0.9 : 0.6,
    }),
  ];
}

function injectionRule(inp: RuleInput): Candidate[] {
  return inp.signals.filter(is('injection')).map((s) => {
    const after = relatedSignals(inp, s.entities, is('tool_combo', 'agent_frequency', 'policy_violation', 'tool_error'), s.at - inp.bucketMs);
    return candidate({
      key: `injection:${s.entities[0] ?? ''}`,
      title: `Prompt injection reaching ${nameOf(s.entities[0] ?? 'service:?')}${Number(s.detail?.followed ?? 0) > 0 ? ' and triggering tool calls' : ''}`,
      category: 'security',
      runbook: 'prompt-injection',
      source: 'injection-detector',
      entities: s.entities,
      supporting: [s, ...after],
      anchorAt: s.at,
      prior: 1,
    });
  });
}

function xidRule(inp: RuleInput): Candidate[] {
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

function thermalRule(inp: RuleInput): Candidate[] {
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

function kvRule(inp: RuleInput): Candidate[] {
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

function classRule(inp: RuleInput, cls: 'db_pool' | 'certificate', kinds: SignalKind[], build: (ents: string[]) => Pick<Candidate, 'title' | 'category' | 'runbook' | 'source'>): Candidate[] {
  const ss = inp.signals.filter((s) => s.failureClass === cls || kinds.includes(s.kind));
  if (ss.length === 0) return [];
  const ents = entitiesOf(ss, 8);
  const victims = relatedSignals(inp, ents, (s) => s.symptom && !ss.includes(s), earliest(ss) - 2 * inp.bucketMs);
  return [candidate({ key: cls, entities: ents, supporting: [...ss, ...victims], anchorAt: earliest(ss), prior: 0.95, ...build(ents) })];
}

function oomRule(inp: RuleInput): Candidate[] {
  const oom = inp.signals.filter((s) => s.kind === 'oom' || s.kind === 'restart' || s.failureClass === 'oom');
  if (oom.length === 0) return [];
  const out: Candidate[] = [];
  for (const [w, ss] of groupBy(oom, (s) => main(s, 'workload') ?? main(s, 'service'))) {
    const mem = relatedSignals(inp, [w], (s) => s.kind === 'memory' && s.direction === 'up', earliest(ss) - 30 * inp.bucketMs);
    const victims = relatedSignals(inp, [w], (s) => s.symptom && !ss.includes(s), earliest(ss) - 2 * inp.bucketMs);
    out.push(
      candidate({
        key: `oom:${w}`,
        title: `${nameOf(w)} running out of memory (OOM kills / restarts)`,
        category: 'infrastructure',
        runbook: 'oom-after-deploy',
        source: 'oom',
        entities: uniq([w, ...entitiesOf([...ss, ...mem], 6)]),
        supporting: [...ss, ...mem, ...victims],
        anchorAt: Math.min(earliest(ss), ...mem.map((m) => m.at)),
        prior: ss.some((s) => s.kind === 'oom' || s.failureClass === 'oom') ? 0.95 : 0.7,
      }),
    );
  }
  return out;
}

function upstreamRule(inp: RuleInput): Candidate[] {
  const out: Candidate[] = [];
  const deps = inp.signals.filter((s) => s.kind === 'dependency_error' && (s.failureClass === 'upstream' || s.failureClass === 'other') && !PROVIDER_HOST.test(String(s.detail?.peer ?? '')));
  for (const d of deps) {
    const peer = d.entities[0] ?? '';
    const logs = inp.signals.filter((s) => s.kind === 'log_error' && s.failureClass === 'upstream' && Math.abs(s.at - d.at) <= 10 * inp.bucketMs);
    const own = relatedSignals(inp, [peer], (s) => s.symptom && s !== d, d.at - 5 * inp.bucketMs);
    out.push(
      candidate({
        key: `upstream:${peer}`,
        title: `Upstream dependency ${nameOf(peer)} failing`,
        category: 'dependency',
        runbook: 'upstream-dependency-outage',
        source: 'dependency-errors',
        entities: uniq([peer, ...d.entities]),
        supporting: [d, ...logs, ...own],
        anchorAt: d.at,
        prior: 0.95,
      }),
    );
  }
  // Upstream-looking log signatures without traces.
  if (deps.length === 0) {
    const logs = inp.signals.filter((s) => s.kind === 'log_error' && s.failureClass === 'upstream' && s.strength >= 0.3);
    if (logs.length > 0)
      out.push(
        candidate({
          key: 'upstream:logs',
          title: `Upstream dependency failing (connection errors logged by ${entitiesOf(logs, 2).map(nameOf).join(', ')})`,
          category: 'dependency',
          runbook: 'upstream-dependency-outage',
          source: 'dependency-logs',
          entities: entitiesOf(logs, 6),
          supporting: logs,
          anchorAt: earliest(logs),
          prior: 0.6,
        }),
      );
  }
  return out;
}

/** A workload whose resource use surged while other workloads on the same node suffered. */
function noisyNeighbourRule(inp: RuleInput): Candidate[] {
  const out: Candidate[] = [];
  const surges = inp.signals.filter((s) => (s.kind === 'cpu' || s.kind === 'memory' || s.kind === 'gpu_util') && s.direction === 'up' && s.strength >= 0.2);
  for (const [w, ss] of groupBy(surges, (s) => main(s, 'workload'))) {
    const nodes = [...inp.rel.keys(ss.flatMap((s) => s.entities), true)].filter((k) => k.startsWith('node:'));
    if (nodes.length === 0) continue;
    const neighbours = nodes.flatMap((n) => inp.rel.onNode(n)).filter((k) => k !== `svc:${nameOf(w)}`);
    if (neighbours.length === 0) continue;
    const victims = inp.signals.filter(
      (s) => (s.symptom || (s.kind === 'cpu' && /throttl/i.test(String(s.detail?.metric ?? '')))) && s.at >= earliest(ss) - 2 * inp.bucketMs && [...inp.rel.keys(s.entities)].some((k) => neighbours.includes(k)),
    );
    const ownSymptoms = relatedSignals(inp, [w], (s) => s.symptom);
    if (victims.length === 0 || ownSymptoms.length > victims.length) continue;
    out.push(
      candidate({
        key: `neighbour:${w}`,
        title: `Noisy neighbour: ${nameOf(w)} hogging ${nodes.map((n) => n.slice(5)).join(', ')}`,
        category: 'infrastructure',
        runbook: 'noisy-neighbour',
        source: 'noisy-neighbour',
        entities: uniq([w, ...entitiesOf(ss, 4), ...nodes.map((n) => `node:${n.slice(5)}`)]),
        supporting: [...ss, ...victims],
        anchorAt: earliest(ss),
        prior: 0.9,
      }),
    );
  }
  // A saturated node whose co-located workloads suffer, with no culprit identified: still worth saying.
  const saturated = inp.signals.filter((s) => (s.kind === 'cpu' || s.kind === 'memory') && s.direction === 'up' && s.strength >= 0.3 && main(s, 'node') !== undefined && main(s, 'workload') === undefined && main(s, 'pod') === undefined);
  for (const [node, ss] of groupBy(saturated, (s) => main(s, 'node'))) {
    if (out.some((c) => c.entities.includes(node))) continue;
    const neighbours = inp.rel.onNode(`node:${nameOf(node)}`);
    if (neighbours.length === 0) continue;
    const victims = inp.signals.filter((s) => s.symptom && s.at >= earliest(ss) - 3 * inp.bucketMs && [...inp.rel.keys(s.entities)].some((k) => neighbours.includes(k)));
    if (victims.length === 0) continue;
    out.push(
      candidate({
        key: `neighbour:${node}`,
        title: `${nameOf(node)} saturated (${uniq(ss.map((s) => s.kind)).join(', ')}): the workloads on it slowed down`,
        category: 'infrastructure',
        runbook: 'noisy-neighbour',
        source: 'noisy-neighbour',
        entities: uniq([node, ...entitiesOf(victims, 4)]),
        supporting: [...ss, ...victims],
        anchorAt: earliest(ss),
        prior: 0.6,
      }),
    );
  }
  return out;
}

export function patternCandidates(inp: RuleInput, mix: readonly OutcomeMix[]): Candidate[] {
  return [
    ...versionRule(inp),
    ...toolRule(inp, mix),
    ...providerRule(inp),
    ...costRule(inp),
    ...injectionRule(inp),
    ...xidRule(inp),
    ...thermalRule(inp),
    ...kvRule(inp),
    ...classRule(inp, 'db_pool', ['pool'], (e) => ({ title: `Database connection pool exhausted (${e.slice(0, 2).map(nameOf).join(', ')})`, category: 'infrastructure', runbook: 'db-pool-exhaustion', source: 'db-pool' })),
    ...classRule(inp, 'certificate', [], (e) => ({ title: `Expired or invalid TLS certificate (${e.slice(0, 2).map(nameOf).join(', ')})`, category: 'infrastructure', runbook: 'certificate-expiry', source: 'certificate' })),
    ...oomRule(inp),
    ...upstreamRule(inp),
    ...noisyNeighbourRule(inp),
  ];
}
