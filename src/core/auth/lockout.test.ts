import { describe, expect, it } from 'vitest';
import { afterFailure, isLocked, MAX_LOCK_MS, noFailures, type FailureState } from './lockout';

describe('sign-in backoff', () => {
  it('locks after four free failures, doubling from 30 s up to 15 minutes', () => {
    let s: FailureState = noFailures();
    const locks: (number | null)[] = [];
    for (let i = 0; i < 12; i++) {
      s = afterFailure(s, 0);
      locks.push(s.lockedUntil);
    }
    expect(locks.slice(0, 4)).toEqual([null, null, null, null]);
    expect(locks.slice(4, 9)).toEqual([30_000, 60_000, 120_000, 240_000, 480_000]);
    expect(locks.slice(9)).toEqual([MAX_LOCK_MS, MAX_LOCK_MS, MAX_LOCK_MS]);
  });

  it('is locked only until the deadline', () => {
    const s = { count: 5, lockedUntil: 1_000 };
    expect(isLocked(s, 999)).toBe(true);
    expect(isLocked(s, 1_000)).toBe(false);
    expect(isLocked(noFailures(), 0)).toBe(false);
  });
});
