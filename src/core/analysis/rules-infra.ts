/** Pattern rules for the platform: database pools and certificates, OOM kills, noisy neighbours on a node. */
import { candidate, entitiesOf, relatedSignals, uniq, type Candidate, type RuleInput } from './candidate';
import { nameOf } from './entities';
import { earliest, groupBy, main } from './rules-kit';
import type { Signal, SignalKind } from './types';

export function classRule(inp: RuleInput, cls: 'db_pool' | 'certificate', kinds: SignalKind[], build: (ents: string[]) => Pick<Candidate, 'title' | 'category' | 'runbook' | 'source'>): Candidate[] {
  const ss = inp.signals.filter((s) => s.failureClass === cls || kinds.includes(s.kind));
  if (ss.length === 0) return [];
  const ents = entitiesOf(ss, 8);
  const victims = relatedSignals(inp, ents, (s) => s.symptom && !ss.includes(s), earliest(ss) - 2 * inp.bucketMs);
  return [candidate({ key: cls, entities: ents, supporting: [...ss, ...victims], anchorAt: earliest(ss), prior: 0.95, ...build(ents) })];
}

export function oomRule(inp: RuleInput): Candidate[] {
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

/** A workload whose resource use surged while other workloads on the same node suffered. */
/**
 * What a neighbour hogging a node's CPU, memory or GPU can do to the workloads beside it: make them
 * slow, time out, fail or be throttled. It cannot make a model return invalid output, refuse, break
 * a policy or misuse a tool, so those symptoms never count as its victims.
 */
const CONTENTION_KINDS: ReadonlySet<string> = new Set(['latency', 'error_rate', 'dependency_error', 'log_error', 'llm_error', 'alert']);
const NOT_CONTENTION: ReadonlySet<string> = new Set(['structured_output', 'tool', 'injection', 'cost', 'provider', 'certificate']);
/** How long after a hog surges its neighbours can start to suffer from it. */
const CONTENTION_LAG_MS = 15 * 60_000;
const contentionSymptom = (s: Signal): boolean => s.symptom && CONTENTION_KINDS.has(s.kind) && !NOT_CONTENTION.has(s.failureClass ?? '');

export function noisyNeighbourRule(inp: RuleInput): Candidate[] {
  const out: Candidate[] = [];
  const surges = inp.signals.filter((s) => (s.kind === 'cpu' || s.kind === 'memory' || s.kind === 'gpu_util') && s.direction === 'up' && s.strength >= 0.2);
  for (const [w, ss] of groupBy(surges, (s) => main(s, 'workload'))) {
    const nodes = [...inp.rel.keys(ss.flatMap((s) => s.entities), true)].filter((k) => k.startsWith('node:'));
    if (nodes.length === 0) continue;
    const neighbours = nodes.flatMap((n) => inp.rel.onNode(n)).filter((k) => k !== `svc:${nameOf(w)}`);
    if (neighbours.length === 0) continue;
    const victims = inp.signals.filter(
      (s) =>
        (contentionSymptom(s) || (s.kind === 'cpu' && /throttl/i.test(String(s.detail?.metric ?? '')))) &&
        s.at >= earliest(ss) - 2 * inp.bucketMs &&
        // Contention shows soon after the hog surges; a neighbour quiet for long after it is not its victim.
        s.at <= earliest(ss) + Math.max(CONTENTION_LAG_MS, 10 * inp.bucketMs) &&
        [...inp.rel.keys(s.entities)].some((k) => neighbours.includes(k)),
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
    const victims = inp.signals.filter((s) => contentionSymptom(s) && s.at >= earliest(ss) - 3 * inp.bucketMs && [...inp.rel.keys(s.entities)].some((k) => neighbours.includes(k)));
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

