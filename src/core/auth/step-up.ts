/**
 * A step-up grant: proof that the operator typed their password and a fresh TOTP code moments
 * ago. It holds their decrypted signing key for at most 60 seconds and releases it once, for one
 * signature; after that, or after expiry, it is useless.
 */
import type { KeyObject } from 'node:crypto';
import { randomUUID } from 'node:crypto';
import { AuthError } from './errors';

export const STEP_UP_MS = 60_000;

export interface StepUpGrant {
  readonly id: string;
  readonly operatorId: string;
  readonly sessionId: string;
  readonly issuedAt: number;
  readonly expiresAt: number;
  /** True once the key was taken (or the grant was revoked). */
  readonly spent: boolean;
  /** The signing key, once, before expiry; throws AuthError otherwise. */
  takeKey(now: number): KeyObject;
  revoke(): void;
}

export function issueStepUpGrant(operatorId: string, sessionId: string, key: KeyObject, issuedAt: number, ttlMs: number = STEP_UP_MS): StepUpGrant {
  let held: KeyObject | null = key;
  const expiresAt = issuedAt + Math.min(ttlMs, STEP_UP_MS);
  return {
    id: randomUUID(),
    operatorId,
    sessionId,
    issuedAt,
    expiresAt,
    get spent() {
      return held === null;
    },
    takeKey(now) {
      if (held === null) throw new AuthError('grant_used', 'This confirmation was already used: confirm again');
      if (now >= expiresAt || now < issuedAt) {
        held = null;
        throw new AuthError('grant_expired', 'The confirmation expired: enter your password and code again');
      }
      const k = held;
      held = null;
      return k;
    },
    revoke() {
      held = null;
    },
  };
}
