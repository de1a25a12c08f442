/**
 * Backoff after failed sign-ins: the first FREE_FAILURES consecutive failures cost nothing; each
 * one after that locks the account for 30 s, doubling up to 15 minutes. A success resets it.
 * Pure: the operator store persists the state.
 */
export const FREE_FAILURES = 4;
export const BASE_LOCK_MS = 30_000;
export const MAX_LOCK_MS = 15 * 60_000;

export interface FailureState {
  count: number;
  lockedUntil: number | null;
}

export const noFailures = (): FailureState => ({ count: 0, lockedUntil: null });

export function isLocked(state: FailureState, now: number): boolean {
  return state.lockedUntil !== null && now < state.lockedUntil;
}

export function afterFailure(state: FailureState, now: number): FailureState {
  const count = state.count + 1;
  if (count <= FREE_FAILURES) return { count, lockedUntil: null };
  const lockMs = Math.min(MAX_LOCK_MS, BASE_LOCK_MS * 2 ** (count - FREE_FAILURES - 1));
  return { count, lockedUntil: now + lockMs };
}
