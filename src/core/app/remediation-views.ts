/**
 * What remediation shows the renderer: runbook steps with the incident's variables filled in,
 * a plan as the exact requests (secrets as placeholders), the values an action changes, and a
 * dispatch outcome. Pure functions; nothing here decides anything.
 */
import type { ApproverView, CheckView, DispatchResult, RequestView, RequirementsView, RunbookStepView, ValueChange } from '../../shared/contract-remediation';
import type { Hypothesis } from '../../shared/hypotheses';
import { getAction, type Check, type JsonValue, type RenderedRequest } from '../actions/catalogue';
import type { Approval } from '../auth/approval';
import type { DispatchOutcome } from '../dispatch';
import type { Requirements } from '../policy';
import type { Step } from '../runbooks';

export const requestView = (r: RenderedRequest): RequestView => ({ method: r.method, url: r.url, headers: { ...r.headers }, body: r.body });
export const checkView = (c: Check): CheckView => ({ description: c.description, read: c.read === null ? null : requestView(c.read) });

/** Template variables of an incident and one hypothesis (entities by kind: `hypothesis.entities.workload`). */
export function templateVars(incident: { id: string; title: string }, h: Hypothesis | null): Record<string, unknown> {
  const entities: Record<string, string> = {};
  for (const ref of h?.entities ?? []) {
    const i = ref.indexOf(':');
    const kind = ref.slice(0, i);
    if (!(kind in entities)) entities[kind] = ref.slice(i + 1);
  }
  return { incident: { id: incident.id, title: incident.title }, hypothesis: h === null ? { entities } : { id: h.id, title: h.title, entities } };
}

function lookup(vars: Readonly<Record<string, unknown>>, path: string): string | undefined {
  let v: unknown = vars;
  for (const k of path.split('.')) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, k)) return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

/** Fills `{{ a.b }}` where the value is known; anything unknown stays visible for the person to fill. */
export function fillKnown(v: unknown, vars: Readonly<Record<string, unknown>>): JsonValue {
  if (typeof v === 'string') return v.replace(/\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g, (m, path: string) => lookup(vars, path) ?? m);
  if (Array.isArray(v)) return v.map((x) => fillKnown(x, vars));
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fillKnown(x, vars)]));
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return v;
  return null;
}

export function stepView(step: Step, vars: Readonly<Record<string, unknown>>): RunbookStepView {
  const action = getAction(step.uses);
  const isAction = step.action === 'mitigate' || step.action === 'notify';
  return {
    id: step.id,
    name: step.name,
    action: step.action,
    uses: step.uses,
    kind: isAction ? 'action' : 'query',
    title: action?.title ?? null,
    params: fillKnown(step.params, vars) as Record<string, JsonValue>,
    target: step.target ?? null,
    requiresApproval: isAction && (step.requires_approval === true || action?.mutates === true),
    expected: step.expected.summary,
    timeout: step.timeout,
  };
}

/** Pairs of params an action changes from one value to another (replicas 3 → 6). */
const CHANGE_PAIRS: readonly [from: string, to: string, field: string][] = [
  ['current_replicas', 'replicas', 'replicas'],
  ['current_requests_per_minute', 'requests_per_minute', 'requests per minute'],
  ['current_revision', 'to_revision', 'revision'],
  ['from_provider', 'to_provider', 'provider'],
];

export function changesOf(params: JsonValue): ValueChange[] {
  if (params === null || typeof params !== 'object' || Array.isArray(params)) return [];
  const out: ValueChange[] = [];
  for (const [from, to, field] of CHANGE_PAIRS) {
    const a = params[from];
    const b = params[to];
    if (a !== undefined && b !== undefined) out.push({ field, from: a, to: b });
  }
  if (typeof params.enabled === 'boolean' && typeof params.flag_key === 'string') out.push({ field: `flag ${params.flag_key}`, from: !params.enabled ? 'on' : 'off', to: params.enabled ? 'on' : 'off' });
  return out;
}

export function requirementsView(r: Requirements): RequirementsView {
  const measures: Record<string, number> = {};
  for (const [k, v] of Object.entries(r.measures)) if (typeof v === 'number') measures[k] = v;
  return { service: r.service, tier: r.tier, risk: r.risk, twoPerson: r.twoPerson, twoPersonReasons: [...r.twoPersonReasons], refusals: [...r.refusals], measures };
}

export const approverView = (a: Approval): ApproverView => ({ operator: a.operator.name, kind: a.kind, signedAt: a.signedAt, expiresAt: a.expiresAt });

export function outcomeView(o: DispatchOutcome): DispatchResult {
  const base = { dispatchId: o.dispatchId, actionId: o.actionId, reason: null, sent: [], checks: [], breakGlass: false };
  switch (o.status) {
    case 'refused':
      return { ...base, status: 'refused', reason: o.reason, message: o.message, checks: o.preconditions ?? [] };
    case 'observed':
      return { ...base, status: 'observed', message: `${o.message}. Sitrep only records what it would do: nothing was sent.` };
    case 'failed':
      return { ...base, status: 'failed', message: o.message, sent: o.sent, breakGlass: o.breakGlass };
    case 'verified':
      return { ...base, status: 'verified', message: 'Sent, and every verification check passed', sent: o.sent, checks: o.checks, breakGlass: o.breakGlass };
    case 'unverified':
      return { ...base, status: 'unverified', message: o.message, sent: o.sent, breakGlass: o.breakGlass };
    case 'escalated':
      return { ...base, status: 'escalated', message: o.message, sent: o.sent, checks: o.checks, breakGlass: o.breakGlass };
  }
}
