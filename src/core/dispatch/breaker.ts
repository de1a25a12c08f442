/**
 * Resetting the circuit breaker is itself an approved act: a person signs (with the same step-up
 * confirmation as any approval) a reset of THIS trip (its time and reason) with their own written
 * reason, and the reset is journaled as their decision. A reset signed for an earlier trip, or
 * after the breaker was already reset, does nothing.
 */
import { verifyApproval, MIN_REASON } from '../auth/approval';
import type { PendingAction } from '../auth/action';
import type { OperatorRegistry } from '../auth/operators';
import type { Journal } from '../journal/journal';
import type { DispatchState } from './state';

export const BREAKER_RESET_ACTION = 'sitrep.breaker_reset';

/** What an operator signs to reset the breaker now open, with their reason; null when it is closed. */
export function breakerResetAction(state: DispatchState, reason: string): PendingAction | null {
  const b = state.breaker();
  if (!b.open) return null;
  return {
    actionId: BREAKER_RESET_ACTION,
    request: { method: 'POST', url: 'sitrep://dispatch/breaker/reset', headers: {}, body: JSON.stringify({ reason: reason.trim() }) },
    target: { breaker: 'dispatch' },
    preconditions: { open: true, openedAt: b.openedAt, trippedBecause: b.reason },
  };
}

export type ResetResult = { ok: true } | { ok: false; reason: 'not_open' | 'reason_required' | 'approval_refused' | 'already_reset'; message: string };

export function resetBreaker(
  approval: unknown,
  reason: string,
  ctx: { state: DispatchState; journal: Journal; operators: () => OperatorRegistry; now?: () => number },
): ResetResult {
  const now = (ctx.now ?? Date.now)();
  if (reason.trim().length < MIN_REASON) return { ok: false, reason: 'reason_required', message: `Resetting the breaker needs a written reason of at least ${MIN_REASON} characters` };
  const b = ctx.state.breaker();
  const action = breakerResetAction(ctx.state, reason);
  if (!b.open || action === null) return { ok: false, reason: 'not_open', message: 'The circuit breaker is not open' };
  const check = verifyApproval(approval, action, { now, operators: ctx.operators(), usedNonces: new Set() });
  if (!check.ok) return { ok: false, reason: 'approval_refused', message: check.message };
  const name = ctx.operators().get(check.operatorId)?.name ?? check.operatorId;
  // Journaled before its effect: a reset that is not in the journal does not happen.
  ctx.journal.append({
    kind: 'decision',
    actor: name,
    payload: {
      text: `Circuit breaker reset by ${name}: ${reason.trim()}`,
      detail: { type: 'breaker_reset', openedAt: b.openedAt, trippedBecause: b.reason, operatorId: check.operatorId, approvalId: check.approvalId },
    },
  });
  if (!ctx.state.resetBreaker(b.openedAt, now, check.operatorId)) return { ok: false, reason: 'already_reset', message: 'The breaker was reset meanwhile' };
  return { ok: true };
}
