/**
 * The dispatcher: the one way the core changes anything in production. Immediately before
 * sending, it renders the plan again from the catalogue, evaluates the policy, verifies every
 * approval (Ed25519 signature with the operator's registered key, the signed hash against the
 * exact requests + target + preconditions + expiry, expiry, single use, two distinct operators
 * where the policy says so, break-glass with its written reason), re-reads the preconditions
 * from the live state, and passes the breaker and the rate limit in the same transaction that
 * consumes the approvals. It journals "dispatching" before the first byte is sent and the result
 * after, sends the dry run first where the target has one, then runs the verification checks
 * and escalates when they fail. In observation mode it sends nothing and journals what it would
 * have done.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Connection } from '../../shared/connections';
import { verifyApproval, verifyBreakGlass, verifyTwoPerson, type Approval, type ApprovalCheck, type VerifyContext } from '../auth/approval';
import type { OperatorRegistry } from '../auth/operators';
import type { Journal } from '../journal/journal';
import { evaluatePolicy, policyTimes, subjectsOf, type Requirements } from '../policy';
import type { Policy } from '../policy';
import { runCheck, type CheckResult } from './checks';
import type { DispatchOutcome, Escalation, RefusalReason, SentRequest } from './outcome';
import { checkPlan, pendingActionOf, planDigest, type Plan } from './plan';
import { fillSecrets, SecretError, type Filled, type SecretSource } from './secrets';
import { sendFilled, type SendOptions } from './send';
import type { DispatchState } from './state';

export const DEFAULT_TIMEOUT_MS = 10_000;

export interface DispatchContext {
  policy: Policy;
  journal: Journal;
  state: DispatchState;
  /** Registered operators (public keys, roles, disabled flags), read fresh for each dispatch. */
  operators: () => OperatorRegistry;
  secrets: SecretSource;
  now?: () => number;
  /** The journal actor of the dispatcher's own entries. */
  actor?: string;
  /** Per request (connect + answer). */
  timeoutMs?: number;
  tls?: (targetName: string) => Connection['tls'] | undefined;
  /** Called when verification fails or a sent request is refused by the target. */
  escalate?: (e: Escalation) => void | Promise<void>;
  sleep?: (ms: number) => Promise<void>;
  signal?: AbortSignal;
}

type Verified = { ok: true; records: { approval: Approval; check: Extract<ApprovalCheck, { ok: true }> }[]; breakGlass: boolean } | { ok: false; reason: RefusalReason; message: string };

const rec = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const digest = (s: string): string => createHash('sha256').update(s).digest('hex');
const sleepReal = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function verifyApprovals(raw: readonly unknown[], plan: Plan, req: Requirements, ctx: DispatchContext, now: number): Verified {
  if (raw.length === 0) return { ok: false, reason: 'no_approval', message: `${plan.actionId} changes production: it needs a signed approval` };
  if (raw.length > 8) return { ok: false, reason: 'malformed', message: 'Too many approvals' };
  const ids = raw.map((a) => ({ approvalId: str(rec(a).approvalId), nonce: str(rec(a).nonce) }));
  const idSet = new Set(ids.map((i) => i.approvalId));
  if (idSet.size !== ids.length) return { ok: false, reason: 'duplicate_approval', message: 'The same approval was given twice' };
  const vctx: VerifyContext = { now, operators: ctx.operators(), usedNonces: ctx.state.used(ids) };
  const action = pendingActionOf(plan);
  const isBreakGlass = raw.some((a) => rec(a).kind === 'break_glass');
  if (isBreakGlass) {
    if (!ctx.policy.break_glass.allowed) return { ok: false, reason: 'break_glass_refused', message: 'The policy does not allow break-glass' };
    if (raw.length !== 1) return { ok: false, reason: 'break_glass_refused', message: 'A break-glass record stands alone: it cannot be combined with approvals' };
    const c = verifyBreakGlass(raw[0], action, vctx);
    if (!c.ok) return { ok: false, reason: c.reason, message: `Break-glass: ${c.message}` };
    return { ok: true, records: [{ approval: raw[0] as Approval, check: c }], breakGlass: true };
  }
  if (req.twoPerson) {
    const c = verifyTwoPerson(raw, action, vctx);
    if (!c.ok) {
      const why = `two distinct operators must approve (${req.twoPersonReasons.join('; ')})`;
      if (c.reason === 'too_few_approvals') return { ok: false, reason: 'two_person_required', message: `${plan.actionId}: ${why}` };
      if (c.reason === 'same_operator') return { ok: false, reason: 'same_operator', message: `${c.message}: ${why}` };
      return { ok: false, reason: c.reason, message: `Approval ${c.index !== undefined ? c.index + 1 : ''}: ${c.message}` };
    }
    return { ok: true, records: c.approvals.map((check, i) => ({ approval: raw[i] as Approval, check })), breakGlass: false };
  }
  const records: { approval: Approval; check: Extract<ApprovalCheck, { ok: true }> }[] = [];
  for (const [i, a] of raw.entries()) {
    const c = verifyApproval(a, action, vctx);
    if (!c.ok) return { ok: false, reason: c.reason, message: `Approval ${i + 1}: ${c.message}` };
    records.push({ approval: a as Approval, check: c });
  }
  return { ok: true, records, breakGlass: false };
}

/**
 * Dispatches `rawPlan` (untrusted: from IPC, HTTP or a file) under `approvals` (untrusted signed
 * records). Never throws for anything a caller sent; refusals come back as `status: 'refused'`.
 */
export async function dispatch(rawPlan: unknown, approvals: readonly unknown[], ctx: DispatchContext): Promise<DispatchOutcome> {
  const now = ctx.now ?? Date.now;
  const actor = ctx.actor ?? 'sitrep';
  const dispatchId = randomUUID();
  const sendOpts = (targetName: string): SendOptions => ({ timeoutMs: ctx.timeoutMs ?? DEFAULT_TIMEOUT_MS, tls: ctx.tls?.(targetName), signal: ctx.signal });

  const refuse = (reason: RefusalReason, message: string, actionId: string | null, extra: Partial<Extract<DispatchOutcome, { status: 'refused' }>> = {}): DispatchOutcome => {
    try {
      ctx.journal.append({
        kind: 'note',
        actor,
        payload: { text: `Dispatch${actionId === null ? '' : ` of ${actionId}`} refused: ${message}`.slice(0, 4000), detail: { type: 'dispatch_refused', dispatchId, actionId, reason } },
      });
    } catch {
      // The refusal stands whether or not it could be journaled.
    }
    return { status: 'refused', dispatchId, actionId, reason, message, ...extra };
  };

  const checked = checkPlan(rawPlan);
  if (!checked.ok) return refuse(checked.reason === 'invalid' ? 'invalid_plan' : checked.reason, checked.message, null);
  const { plan, action } = checked;
  const targetName = str(rec(plan.target).name);
  const requirements = evaluatePolicy(ctx.policy, { actionId: plan.actionId, catalogueRisk: action.risk, params: plan.params, target: plan.target, requestCount: plan.requests.length });
  const times = policyTimes(ctx.policy);
  const planHash = planDigest(plan);

  if (ctx.policy.mode === 'observe') {
    const message = `Observation mode: would have dispatched ${plan.actionId} to ${targetName} (${requirements.tier}${requirements.service === null ? '' : `, ${requirements.service}`})`;
    ctx.journal.append({
      kind: 'note',
      actor,
      payload: {
        text: message,
        detail: {
          type: 'observation',
          dispatchId,
          actionId: plan.actionId,
          planDigest: planHash,
          subjects: subjectsOf(plan.params, plan.target),
          requests: plan.requests.map((r) => `${r.method} ${r.url}`),
          tier: requirements.tier,
          risk: requirements.risk,
          twoPerson: requirements.twoPersonReasons,
          refusals: requirements.refusals,
          approvalsPresented: approvals.length,
        },
      },
    });
    return { status: 'observed', dispatchId, actionId: plan.actionId, requirements, message };
  }

  if (requirements.refusals.length > 0) return refuse('policy_refused', requirements.refusals.join('; '), plan.actionId, { requirements });

  const verified = verifyApprovals(approvals, plan, requirements, ctx, now());
  if (!verified.ok) return refuse(verified.reason, verified.message, plan.actionId, { requirements });

  const breaker = ctx.state.breaker();
  if (breaker.open) return refuse('breaker_open', `The circuit breaker is open since ${new Date(breaker.openedAt).toISOString()} (${breaker.reason}): a person must reset it`, plan.actionId);

  // Every secret the dispatch needs, before anything is read or sent.
  let filled: Filled[];
  try {
    filled = plan.requests.map((r) => fillSecrets(r, ctx.secrets));
  } catch (err) {
    if (err instanceof SecretError) return refuse('secret_missing', err.message, plan.actionId);
    throw err;
  }

  // The live state must still be what the operators approved.
  const pre: CheckResult[] = [];
  for (const c of plan.preconditions) pre.push(await runCheck(c, ctx.secrets, sendOpts(targetName)));
  const broken = pre.filter((r) => !r.ok);
  if (broken.length > 0) {
    return refuse('precondition_changed', `The state changed since approval: ${broken.map((b) => `${b.description} (${b.observed})`).join('; ')}`, plan.actionId, { preconditions: pre });
  }

  const at = now();
  const earliestExpiry = Math.min(...verified.records.map((r) => r.check.expiresAt));
  if (at >= earliestExpiry) return refuse('expired', `An approval expired at ${new Date(earliestExpiry).toISOString()} while the preconditions were read`, plan.actionId);

  const committed = ctx.state.commit({
    dispatchId,
    actionId: plan.actionId,
    at,
    approvals: verified.records.map((r) => ({ approvalId: r.check.approvalId, nonce: r.check.nonce })),
    breaker: { maxActions: ctx.policy.circuit_breaker.max_actions, windowMs: times.breakerWindowMs },
    rate: requirements.rateLimit,
  });
  if (!committed.ok) {
    if (committed.reason === 'breaker_tripped') {
      ctx.journal.append({ kind: 'note', actor, payload: { text: committed.message, detail: { type: 'breaker_opened', dispatchId, actionId: plan.actionId, at } } });
      await callEscalate(ctx, { dispatchId, actionId: plan.actionId, message: committed.message, checks: [] });
    }
    return refuse(committed.reason, committed.message, plan.actionId);
  }

  // Journaled before the first request leaves: the approvals, break-glass, then "dispatching".
  try {
    for (const r of verified.records) {
      if (verified.breakGlass) {
        ctx.journal.append({ kind: 'break_glass', actor: r.approval.operator.name || r.check.operatorId, payload: { actionId: plan.actionId, operator: r.check.operatorId, reason: r.approval.reason ?? '', record: r.approval, detail: { dispatchId } } });
      } else {
        ctx.journal.append({ kind: 'approval', actor: r.approval.operator.name || r.check.operatorId, payload: { actionId: plan.actionId, approval: r.approval, detail: { dispatchId } } });
      }
    }
    ctx.journal.append({
      kind: 'dispatching',
      actor,
      payload: {
        actionId: plan.actionId,
        requestHash: planHash,
        approvalIds: verified.records.map((r) => r.check.approvalId),
        detail: {
          dispatchId,
          target: targetName,
          requests: plan.requests.map((r) => `${r.method} ${r.url}`),
          service: requirements.service,
          tier: requirements.tier,
          risk: requirements.risk,
          twoPerson: requirements.twoPersonReasons,
          breakGlass: verified.breakGlass,
          dryRunFirst: action.dryRun && ctx.policy.dry_run_first,
        },
      },
    });
  } catch (err) {
    // Nothing is sent that could not be journaled first (the approvals stay consumed).
    return { status: 'refused', dispatchId, actionId: plan.actionId, reason: 'journal_failed', message: `The journal refused the entry, so nothing was sent: ${err instanceof Error ? err.message : String(err)}` };
  }

  const sendAll = async (reqs: Filled[]): Promise<{ sent: SentRequest[]; failure: string | null; responseDigests: string[] }> => {
    const sent: SentRequest[] = [];
    const responseDigests: string[] = [];
    for (const r of reqs) {
      const res = await sendFilled(r, sendOpts(targetName));
      sent.push({ method: r.method, url: r.url, status: res.ok ? res.status : (res.status ?? null), ok: res.ok });
      if (!res.ok) return { sent, failure: res.message, responseDigests };
      responseDigests.push(digest(res.text));
    }
    return { sent, failure: null, responseDigests };
  };

  const fail = async (phase: 'dry_run' | 'send', sent: SentRequest[], message: string): Promise<DispatchOutcome> => {
    ctx.journal.append({ kind: 'dispatch_result', actor, payload: { actionId: plan.actionId, ok: false, ...statusOf(sent), message, detail: { dispatchId, phase, sent } } });
    await callEscalate(ctx, { dispatchId, actionId: plan.actionId, message: `${phase === 'dry_run' ? 'The dry run' : 'The request'} failed: ${message}`, checks: [] });
    return { status: 'failed', dispatchId, actionId: plan.actionId, phase, message, sent, breakGlass: verified.breakGlass, escalated: true };
  };

  if (action.dryRun && ctx.policy.dry_run_first) {
    const dry = action.renderRequest(plan.params, plan.target, { now: plan.renderedAt, dryRun: true });
    if (!dry.ok) return fail('dry_run', [], 'The dry run could not be rendered');
    let dryFilled: Filled[];
    try {
      dryFilled = dry.requests.map((r) => fillSecrets(r, ctx.secrets));
    } catch (err) {
      return fail('dry_run', [], err instanceof Error ? err.message : String(err));
    }
    const d = await sendAll(dryFilled);
    if (d.failure !== null) return fail('dry_run', d.sent, d.failure);
    ctx.journal.append({ kind: 'dispatch_result', actor, payload: { actionId: plan.actionId, ok: true, ...statusOf(d.sent), message: 'dry run accepted', detail: { dispatchId, phase: 'dry_run', sent: d.sent, responseDigests: d.responseDigests } } });
  }

  const real = await sendAll(filled);
  if (real.failure !== null) return fail('send', real.sent, real.failure);
  ctx.journal.append({ kind: 'dispatch_result', actor, payload: { actionId: plan.actionId, ok: true, ...statusOf(real.sent), detail: { dispatchId, phase: 'send', sent: real.sent, responseDigests: real.responseDigests } } });

  if (plan.verification.length === 0) {
    const message = `${plan.actionId} has no automatic verification: a person must confirm its effect`;
    ctx.journal.append({ kind: 'verification', actor, payload: { actionId: plan.actionId, ok: false, message, detail: { dispatchId, manual: true } } });
    return { status: 'unverified', dispatchId, actionId: plan.actionId, sent: real.sent, breakGlass: verified.breakGlass, message };
  }

  const checks = await verifyUntil(plan, ctx, times.verifyTimeoutMs, times.verifyIntervalMs, sendOpts(targetName));
  const ok = checks.every((c) => c.ok);
  const message = ok ? 'every verification check passed' : `verification failed: ${checks.filter((c) => !c.ok).map((c) => `${c.description} (${c.observed})`).join('; ')}`;
  ctx.journal.append({ kind: 'verification', actor, payload: { actionId: plan.actionId, ok, message, detail: { dispatchId, checks, escalated: !ok } } });
  if (ok) return { status: 'verified', dispatchId, actionId: plan.actionId, sent: real.sent, checks, breakGlass: verified.breakGlass };
  await callEscalate(ctx, { dispatchId, actionId: plan.actionId, message, checks });
  return { status: 'escalated', dispatchId, actionId: plan.actionId, sent: real.sent, checks, breakGlass: verified.breakGlass, message };
}

function statusOf(sent: readonly SentRequest[]): { status?: number } {
  const last = sent[sent.length - 1];
  return last?.status !== null && last?.status !== undefined ? { status: last.status } : {};
}

async function callEscalate(ctx: DispatchContext, e: Escalation): Promise<void> {
  try {
    await ctx.escalate?.(e);
  } catch {
    // The escalation is also in the journal and the returned status.
  }
}

/** Runs every verification check until all pass or the time is up; the last round is returned. */
async function verifyUntil(plan: Plan, ctx: DispatchContext, timeoutMs: number, intervalMs: number, o: SendOptions): Promise<CheckResult[]> {
  const clock = Date.now;
  const deadline = clock() + timeoutMs;
  const sleep = ctx.sleep ?? sleepReal;
  for (;;) {
    const round: CheckResult[] = [];
    for (const c of plan.verification) round.push(await runCheck(c, ctx.secrets, o));
    if (round.every((r) => r.ok) || clock() + intervalMs > deadline || ctx.signal?.aborted === true) return round;
    await sleep(intervalMs);
  }
}
