/**
 * Operator sessions, in memory: sign-in with password + TOTP, an idle lock (default 15 minutes,
 * configurable), an absolute expiry (default 12 hours), and step-up at confirmation time. A
 * session of an operator disabled meanwhile is revoked at its next use.
 */
import { randomBytes } from 'node:crypto';
import { AuthError } from './errors';
import type { OperatorPublic, Role } from './operators-doc';
import type { OperatorStore } from './operators';
import { issueStepUpGrant, STEP_UP_MS, type StepUpGrant } from './step-up';

export const DEFAULT_IDLE_MS = 15 * 60_000;
export const DEFAULT_ABSOLUTE_MS = 12 * 60 * 60_000;

export interface Session {
  id: string;
  operatorId: string;
  operatorName: string;
  roles: Role[];
  createdAt: number;
  lastActivity: number;
  expiresAt: number;
}

export type SessionState = 'active' | 'idle_locked' | 'expired' | 'revoked' | 'unknown';

export interface SessionOptions {
  idleMs?: number;
  absoluteMs?: number;
  stepUpMs?: number;
  now?: () => number;
}

export interface Sessions {
  signIn(name: string, password: string, code: string): Promise<Session>;
  /** A session for an operator whose identity was proven elsewhere (organisation sign-in, OIDC). */
  openVerified(operator: OperatorPublic): Session;
  state(sessionId: string): SessionState;
  /** The session as it is (no idle timer restart), or null when unknown. */
  peek(sessionId: string): Session | null;
  /** The session, with its idle timer restarted; throws unless active. */
  touch(sessionId: string): Session;
  /** Re-opens an idle-locked session of the same operator (not an expired one). */
  unlock(sessionId: string, password: string, code: string): Promise<Session>;
  lock(sessionId: string): void;
  signOut(sessionId: string): void;
  /** Fresh password + TOTP at confirmation time: a single-use grant valid for 60 seconds. */
  stepUp(sessionId: string, password: string, code: string): Promise<StepUpGrant>;
}

export function createSessions(store: OperatorStore, opts: SessionOptions = {}): Sessions {
  const idleMs = opts.idleMs ?? DEFAULT_IDLE_MS;
  const absoluteMs = opts.absoluteMs ?? DEFAULT_ABSOLUTE_MS;
  const stepUpMs = Math.min(opts.stepUpMs ?? STEP_UP_MS, STEP_UP_MS);
  const now = opts.now ?? Date.now;
  const sessions = new Map<string, Session & { locked: boolean }>();

  function state(id: string): SessionState {
    const s = sessions.get(id);
    if (!s) return 'unknown';
    const t = now();
    if (t >= s.expiresAt) return 'expired';
    const op = store.get(s.operatorId);
    if (!op || op.disabled) return 'revoked';
    if (s.locked || t - s.lastActivity >= idleMs) return 'idle_locked';
    return 'active';
  }

  function requireSession(id: string, allowIdle: boolean): Session & { locked: boolean } {
    const st = state(id);
    const s = sessions.get(id);
    switch (st) {
      case 'unknown':
        throw new AuthError('no_session', 'Not signed in');
      case 'expired':
        sessions.delete(id);
        throw new AuthError('session_expired', 'The session expired: sign in again');
      case 'revoked':
        sessions.delete(id);
        throw new AuthError('disabled', 'The operator was disabled: the session is closed');
      case 'idle_locked':
        if (s) s.locked = true;
        if (!allowIdle) throw new AuthError('session_locked', 'The session is locked after inactivity: enter your password and code');
        break;
      case 'active':
        break;
    }
    if (!s) throw new AuthError('no_session', 'Not signed in');
    return s;
  }

  const view = (s: Session & { locked: boolean }): Session => {
    const { locked: _locked, ...rest } = s;
    return { ...rest, roles: [...rest.roles] };
  };

  async function reauth(id: string, password: string, code: string): Promise<{ s: Session & { locked: boolean }; v: Awaited<ReturnType<OperatorStore['verifyCredentials']>> }> {
    const s = requireSession(id, true);
    const v = await store.verifyCredentials(s.operatorName, password, code);
    if (v.operator.id !== s.operatorId) throw new AuthError('wrong_operator', 'These credentials belong to another operator');
    requireSession(id, true);
    s.locked = false;
    s.lastActivity = now();
    return { s, v };
  }

  function open(operator: OperatorPublic): Session {
    const t = now();
    const s = {
      id: randomBytes(32).toString('base64url'),
      operatorId: operator.id,
      operatorName: operator.name,
      roles: operator.roles,
      createdAt: t,
      lastActivity: t,
      expiresAt: t + absoluteMs,
      locked: false,
    };
    sessions.set(s.id, s);
    return view(s);
  }

  return {
    async signIn(name, password, code) {
      const { operator } = await store.verifyCredentials(name, password, code);
      return open(operator);
    },
    openVerified(operator) {
      const current = store.get(operator.id);
      if (!current || current.disabled) throw new AuthError('disabled', `The operator "${operator.name}" is disabled or was removed`);
      return open(current);
    },
    state,
    peek(id) {
      const s = sessions.get(id);
      return s ? view(s) : null;
    },
    touch(id) {
      const s = requireSession(id, false);
      s.lastActivity = now();
      return view(s);
    },
    async unlock(id, password, code) {
      return view((await reauth(id, password, code)).s);
    },
    lock(id) {
      const s = sessions.get(id);
      if (s) s.locked = true;
    },
    signOut: (id) => void sessions.delete(id),
    async stepUp(id, password, code) {
      const { s, v } = await reauth(id, password, code);
      return issueStepUpGrant(s.operatorId, s.id, v.signingKey, now(), stepUpMs);
    },
  };
}
