/**
 * What a policy asks of one rendered action: the service and tier it touches, its risk, its
 * blast radius, whether it is refused outright, and whether two distinct operators must approve.
 * Everything is derived from the action's params and target (the parts the approval's signed
 * request is rendered from), never from anything a caller says about the action.
 */
import type { Risk } from '../actions/catalogue';
import { durationMs } from '../runbooks/duration';
import type { Limits, Policy, Tier } from './schema';
import { TIERS } from './schema';

export interface Measures {
  replicas?: number;
  replicaChange?: number;
  pods?: number;
  /** Objects changed: one per request that changes something. */
  targets: number;
}

export interface Requirements {
  actionId: string;
  service: string | null;
  tier: Tier;
  risk: Risk;
  measures: Measures;
  /** Non-empty: the policy forbids this action as rendered. */
  refusals: string[];
  twoPerson: boolean;
  /** Why two approvers are needed (empty when one is enough). */
  twoPersonReasons: string[];
  rateLimit: { maxActions: number; windowMs: number };
}

export interface ActionFacts {
  actionId: string;
  catalogueRisk: Risk;
  params: unknown;
  target: unknown;
  requestCount: number;
}

const rec = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Namespaces, object names and the target name an action touches. */
export function subjectsOf(params: unknown, target: unknown): { namespaces: string[]; names: string[]; targets: string[] } {
  const p = rec(params);
  const namespaces = new Set<string>();
  const names = new Set<string>();
  for (const k of ['namespace', 'app_namespace']) {
    const v = str(p[k]);
    if (v !== undefined) namespaces.add(v);
  }
  for (const k of ['name', 'node', 'application', 'flag_key', 'tool', 'route', 'scope']) {
    const v = str(p[k]);
    if (v !== undefined) names.add(v);
  }
  if (Array.isArray(p.pods)) {
    for (const pod of p.pods) {
      const ns = str(rec(pod).namespace);
      if (ns !== undefined) namespaces.add(ns);
    }
  }
  const t = str(rec(target).name);
  return { namespaces: [...namespaces], names: [...names], targets: t === undefined ? [] : [t] };
}

export function measuresOf(actionId: string, params: unknown, requestCount: number): Measures {
  const p = rec(params);
  const m: Measures = { targets: requestCount };
  if (actionId === 'k8s.scale') {
    const replicas = num(p.replicas);
    const current = num(p.current_replicas);
    if (replicas !== undefined) m.replicas = replicas;
    if (replicas !== undefined && current !== undefined) m.replicaChange = Math.abs(replicas - current);
  }
  if (actionId === 'k8s.drain' && Array.isArray(p.pods)) m.pods = p.pods.length;
  return m;
}

const LIMIT_KEYS: readonly [keyof Limits, keyof Measures, string][] = [
  ['max_replicas', 'replicas', 'replicas'],
  ['max_replica_change', 'replicaChange', 'replicas changed at once'],
  ['max_pods', 'pods', 'pods'],
  ['max_targets', 'targets', 'objects changed'],
];

/** Each measure above a limit, in words. */
export function exceeded(m: Measures, limits: Limits | undefined): string[] {
  if (limits === undefined) return [];
  const out: string[] = [];
  for (const [lk, mk, words] of LIMIT_KEYS) {
    const limit = limits[lk];
    const value = m[mk];
    if (limit !== undefined && value !== undefined && value > limit) out.push(`${value} ${words} (limit ${limit})`);
  }
  return out;
}

const tierRank = (t: Tier): number => TIERS.indexOf(t);

export function serviceOf(policy: Policy, params: unknown, target: unknown): { service: string | null; tier: Tier } {
  const s = subjectsOf(params, target);
  const hits = policy.services.filter(
    (svc) =>
      (svc.match.namespaces ?? []).some((n) => s.namespaces.includes(n)) ||
      (svc.match.names ?? []).some((n) => s.names.includes(n)) ||
      (svc.match.targets ?? []).some((n) => s.targets.includes(n)),
  );
  if (hits.length === 0) return { service: null, tier: policy.default_tier };
  // Several services touched: the strictest tier wins.
  const strictest = [...hits].sort((a, b) => tierRank(a.tier) - tierRank(b.tier))[0];
  return strictest === undefined ? { service: null, tier: policy.default_tier } : { service: hits.map((h) => h.name).join(', '), tier: strictest.tier };
}

export function evaluatePolicy(policy: Policy, facts: ActionFacts): Requirements {
  const ap = policy.actions[facts.actionId];
  const risk: Risk = ap?.risk ?? facts.catalogueRisk;
  const { service, tier } = serviceOf(policy, facts.params, facts.target);
  const measures = measuresOf(facts.actionId, facts.params, facts.requestCount);
  const refusals: string[] = [];
  if (ap !== undefined && !ap.allowed) refusals.push(`the policy does not allow ${facts.actionId}`);
  refusals.push(...exceeded(measures, policy.blast_radius.limits).map((x) => `blast radius: ${x}`));
  refusals.push(...exceeded(measures, ap?.limits).map((x) => `blast radius for ${facts.actionId}: ${x}`));
  const reasons: string[] = [];
  if (policy.two_person.tiers.includes(tier)) reasons.push(`${service === null ? 'an unlisted service (default tier)' : `service ${service}`} is ${tier}`);
  if (policy.two_person.risks.includes(risk)) reasons.push(`${facts.actionId} is ${risk} risk`);
  reasons.push(...exceeded(measures, policy.blast_radius.two_person_above).map((x) => `above the blast-radius threshold: ${x}`));
  reasons.push(...exceeded(measures, ap?.two_person_above).map((x) => `above the ${facts.actionId} threshold: ${x}`));
  const rl = ap?.rate_limit ?? policy.rate_limit;
  return {
    actionId: facts.actionId,
    service,
    tier,
    risk,
    measures,
    refusals: [...new Set(refusals)],
    twoPerson: reasons.length > 0,
    twoPersonReasons: reasons,
    rateLimit: { maxActions: rl.max_actions, windowMs: durationMs(rl.window) ?? 0 },
  };
}

/** The policy's durations in milliseconds (validated by the schema, so never null). */
export function policyTimes(policy: Policy): { breakerWindowMs: number; verifyTimeoutMs: number; verifyIntervalMs: number } {
  return {
    breakerWindowMs: durationMs(policy.circuit_breaker.window) ?? 0,
    verifyTimeoutMs: durationMs(policy.verification.timeout) ?? 0,
    verifyIntervalMs: durationMs(policy.verification.interval) ?? 0,
  };
}
