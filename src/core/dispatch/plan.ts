/**
 * A plan: one catalogue action rendered for a target at a moment, exactly as the operator saw it.
 * The core never trusts a plan handed to it: `checkPlan` renders it again from the catalogue
 * and refuses any difference, and `pendingActionOf` gives the exact thing an approval signs.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { getAction, Target, type ActionDefinition, type Check, type JsonValue, type ParamIssue, type RenderedRequest } from '../actions/catalogue';
import type { PendingAction, RenderedRequest as SignedRequest } from '../auth/action';
import { canonicalJson } from '../auth/canonical-json';

export interface Plan {
  actionId: string;
  /** The full, parsed params (defaults applied, preview fields filled in). */
  params: JsonValue;
  /** The parsed target (defaults applied). */
  target: JsonValue;
  /** The `now` the requests were rendered with (silence start, restart annotation). */
  renderedAt: number;
  requests: readonly RenderedRequest[];
  preconditions: readonly Check[];
  verification: readonly Check[];
}

export type PlanResult = { ok: true; plan: Plan; action: ActionDefinition } | { ok: false; reason: 'not_in_catalogue' | 'invalid' | 'plan_mismatch'; message: string; issues?: readonly ParamIssue[] };

const issueText = (issues: readonly ParamIssue[]): string => issues.map((i) => `${i.path.join('.') || '(params)'}: ${i.message}`).join('; ');

/** Renders `actionId` for `target` as the preview shows it. Anything outside the catalogue is refused. */
export function preparePlan(actionId: string, params: unknown, target: unknown, now: number): PlanResult {
  const action = typeof actionId === 'string' ? getAction(actionId) : undefined;
  if (action === undefined) return { ok: false, reason: 'not_in_catalogue', message: `"${String(actionId).slice(0, 64)}" is not an action of the catalogue: it cannot be dispatched` };
  const p = action.params.safeParse(params);
  if (!p.success) {
    const r = action.renderRequest(params, target, { now });
    return { ok: false, reason: 'invalid', message: r.ok ? 'invalid params' : issueText(r.issues), ...(r.ok ? {} : { issues: r.issues }) };
  }
  const t = Target.safeParse(target);
  if (!t.success) return { ok: false, reason: 'invalid', message: `target: ${t.error.issues[0]?.message ?? 'invalid'}` };
  const r = action.renderRequest(p.data, t.data, { now });
  if (!r.ok) return { ok: false, reason: 'invalid', message: issueText(r.issues), issues: r.issues };
  return {
    ok: true,
    action,
    plan: { actionId: action.id, params: p.data as JsonValue, target: t.data as JsonValue, renderedAt: now, requests: r.requests, preconditions: r.preconditions, verification: r.verification },
  };
}

const PlanShape = z
  .object({
    actionId: z.string().min(1).max(64),
    params: z.json(),
    target: z.json(),
    renderedAt: z.number().int().min(0),
    requests: z.array(z.unknown()).max(64),
    preconditions: z.array(z.unknown()).max(64),
    verification: z.array(z.unknown()).max(64),
  })
  .strict();

/**
 * A plan from outside the core (IPC, HTTP, a file): rendered again from the catalogue, and
 * refused unless every request, precondition and verification is exactly what the catalogue renders.
 */
export function checkPlan(raw: unknown): PlanResult {
  const shape = PlanShape.safeParse(raw);
  if (!shape.success) {
    const i = shape.error.issues[0];
    return { ok: false, reason: 'invalid', message: `not a plan: ${i ? `${i.path.join('.') || '(root)'}: ${i.message}` : 'invalid'}` };
  }
  const again = preparePlan(shape.data.actionId, shape.data.params, shape.data.target, shape.data.renderedAt);
  if (!again.ok) return again;
  const same = (a: unknown, b: unknown): boolean => {
    try {
      return canonicalJson(a) === canonicalJson(b);
    } catch {
      return false;
    }
  };
  const p = again.plan;
  if (!same(p.requests, shape.data.requests) || !same(p.preconditions, shape.data.preconditions) || !same(p.verification, shape.data.verification) || !same(p.target, shape.data.target)) {
    return { ok: false, reason: 'plan_mismatch', message: 'The plan is not what the catalogue renders for these params and target: it was changed after it was rendered' };
  }
  return again;
}

const signed = (r: RenderedRequest): SignedRequest => ({ method: r.method, url: r.url, headers: { ...r.headers }, body: r.body });

/** What an operator signs for this plan: the exact requests, the target and the preconditions. */
export function pendingActionOf(plan: Plan): PendingAction {
  const [first, ...rest] = plan.requests;
  if (first === undefined) throw new Error(`${plan.actionId}: a plan without a request`);
  return {
    actionId: plan.actionId,
    request: signed(first),
    ...(rest.length > 0 ? { more: rest.map(signed) } : {}),
    target: plan.target,
    preconditions: plan.preconditions as unknown as JsonValue,
  };
}

/** SHA-256 of the plan's signed content without any approval's expiry or nonce (names it in the journal). */
export function planDigest(plan: Plan): string {
  const a = pendingActionOf(plan);
  return createHash('sha256').update(canonicalJson({ ...a, renderedAt: plan.renderedAt })).digest('hex');
}
