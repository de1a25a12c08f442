/**
 * Who is signed in where. A seat is one place a person works from: the desktop window, or the
 * browser host's token (every tab holding it shares the seat). Each seat holds at most one
 * session, kept here in the core; the renderer learns only the operator's name, roles, state and
 * when the idle lock falls, never a session secret. Step-up grants are held here too, by an
 * opaque id the renderer passes back to the confirmation that consumes them.
 */
import type { AuthStatus, StepUpResult } from '../../shared/contract-governance';
import type { SenderInfo } from '../contract/handlers';
import { AuthError } from './errors';
import type { OperatorPublic } from './operators-doc';
import type { OperatorStore } from './operators';
import type { Session, Sessions } from './sessions';
import type { StepUpGrant } from './step-up';

export type SignInMethod = 'password_totp' | 'oidc';

/** The operator signed in at a seat, for other features (decisions, notes, approvals). */
export interface SignedIn {
  operatorId: string;
  name: string;
  roles: Session['roles'];
  method: SignInMethod;
}

export interface Seats {
  status(sender: SenderInfo): AuthStatus;
  signIn(sender: SenderInfo, name: string, password: string, code: string): Promise<AuthStatus>;
  /** Organisation sign-in finished: the operator the OIDC subject maps to. */
  signInVerified(sender: SenderInfo, operator: OperatorPublic): AuthStatus;
  signOut(sender: SenderInfo): AuthStatus;
  unlock(sender: SenderInfo, password: string, code: string): Promise<AuthStatus>;
  lock(sender: SenderInfo): AuthStatus;
  /** Activity: restarts the idle timer; throws unless the seat's session is active. */
  touch(sender: SenderInfo): AuthStatus;
  stepUp(sender: SenderInfo, password: string, code: string): Promise<StepUpResult>;
  /** The active operator at this seat, idle timer restarted; throws AuthError otherwise. */
  require(sender: SenderInfo): SignedIn;
  /** The active operator at this seat (no timer restart), or null. */
  current(sender: SenderInfo): SignedIn | null;
  /** Takes (removes) a step-up grant issued at this seat to its current session. */
  takeGrant(sender: SenderInfo, grantId: string): StepUpGrant;
}

export interface SeatsOptions {
  idleMs: number;
  oidcConfigured?: boolean;
  now?: () => number;
  /** Called after a seat's state changes. */
  onChange?: () => void;
}

const MAX_GRANTS_PER_SEAT = 4;

/** A seat per host for now; a per-window id in SenderInfo would give each its own seat. */
export const seatOf = (sender: SenderInfo): string => `${sender.host}:${sender.role}`;

interface Seat {
  sessionId: string;
  method: SignInMethod;
  grants: Map<string, StepUpGrant>;
}

export function createSeats(store: OperatorStore, sessions: Sessions, opts: SeatsOptions): Seats {
  const now = opts.now ?? Date.now;
  const seats = new Map<string, Seat>();
  const changed = (): void => opts.onChange?.();

  function viewerRefused(sender: SenderInfo): void {
    if (sender.role !== 'operator') throw new AuthError('not_permitted', 'Viewers cannot sign in or change a session');
  }

  function drop(key: string): void {
    const seat = seats.get(key);
    if (!seat) return;
    for (const g of seat.grants.values()) g.revoke();
    sessions.signOut(seat.sessionId);
    seats.delete(key);
  }

  function status(sender: SenderInfo): AuthStatus {
    const key = seatOf(sender);
    const seat = seats.get(key);
    const base = { idleLockMs: opts.idleMs, operatorsConfigured: store.list().some((o) => !o.disabled), oidc: opts.oidcConfigured === true };
    const signedOut: AuthStatus = { ...base, state: 'signed_out', operator: null, method: null, lockAt: null, expiresAt: null };
    if (!seat) return signedOut;
    const st = sessions.state(seat.sessionId);
    const s = sessions.peek(seat.sessionId);
    if (!s || st === 'unknown' || st === 'expired' || st === 'revoked') {
      drop(key);
      return signedOut;
    }
    const operator = { name: s.operatorName, roles: [...s.roles] };
    if (st === 'idle_locked') return { ...base, state: 'locked', operator, method: seat.method, lockAt: null, expiresAt: s.expiresAt };
    return { ...base, state: 'active', operator, method: seat.method, lockAt: Math.min(s.lastActivity + opts.idleMs, s.expiresAt), expiresAt: s.expiresAt };
  }

  function seatFor(sender: SenderInfo): Seat {
    const seat = seats.get(seatOf(sender));
    if (!seat) throw new AuthError('no_session', 'Not signed in: sign in with your password and code');
    return seat;
  }

  function signedIn(seat: Seat, s: Session): SignedIn {
    return { operatorId: s.operatorId, name: s.operatorName, roles: [...s.roles], method: seat.method };
  }

  function install(sender: SenderInfo, session: Session, method: SignInMethod): AuthStatus {
    const key = seatOf(sender);
    drop(key);
    seats.set(key, { sessionId: session.id, method, grants: new Map() });
    changed();
    return status(sender);
  }

  /** Runs a session call; a seat whose session ended is emptied, so the next status says signed out. */
  function guarded<T>(sender: SenderInfo, fn: (seat: Seat) => T): T {
    const seat = seatFor(sender);
    try {
      return fn(seat);
    } catch (err) {
      if (err instanceof AuthError && (err.code === 'session_expired' || err.code === 'disabled' || err.code === 'no_session')) {
        drop(seatOf(sender));
        changed();
      }
      throw err;
    }
  }

  return {
    status,
    async signIn(sender, name, password, code) {
      viewerRefused(sender);
      const session = await sessions.signIn(name, password, code);
      return install(sender, session, 'password_totp');
    },
    signInVerified(sender, operator) {
      viewerRefused(sender);
      return install(sender, sessions.openVerified(operator), 'oidc');
    },
    signOut(sender) {
      if (seats.has(seatOf(sender))) {
        drop(seatOf(sender));
        changed();
      }
      return status(sender);
    },
    async unlock(sender, password, code) {
      viewerRefused(sender);
      const seat = seatFor(sender);
      try {
        await sessions.unlock(seat.sessionId, password, code);
      } catch (err) {
        if (err instanceof AuthError && (err.code === 'session_expired' || err.code === 'disabled')) drop(seatOf(sender));
        throw err;
      }
      changed();
      return status(sender);
    },
    lock(sender) {
      const seat = seats.get(seatOf(sender));
      if (seat) {
        sessions.lock(seat.sessionId);
        for (const g of seat.grants.values()) g.revoke();
        seat.grants.clear();
        changed();
      }
      return status(sender);
    },
    touch(sender) {
      guarded(sender, (seat) => sessions.touch(seat.sessionId));
      return status(sender);
    },
    async stepUp(sender, password, code) {
      viewerRefused(sender);
      const seat = seatFor(sender);
      sessions.touch(seat.sessionId);
      const grant = await sessions.stepUp(seat.sessionId, password, code);
      for (const [id, g] of seat.grants) if (g.spent || g.expiresAt <= now()) seat.grants.delete(id);
      while (seat.grants.size >= MAX_GRANTS_PER_SEAT) {
        const oldest = seat.grants.keys().next().value;
        if (oldest === undefined) break;
        seat.grants.get(oldest)?.revoke();
        seat.grants.delete(oldest);
      }
      seat.grants.set(grant.id, grant);
      const s = sessions.peek(seat.sessionId);
      return { grantId: grant.id, operator: s?.operatorName ?? '', expiresAt: grant.expiresAt };
    },
    require(sender) {
      return guarded(sender, (seat) => signedIn(seat, sessions.touch(seat.sessionId)));
    },
    current(sender) {
      const seat = seats.get(seatOf(sender));
      if (!seat || sessions.state(seat.sessionId) !== 'active') return null;
      const s = sessions.peek(seat.sessionId);
      return s ? signedIn(seat, s) : null;
    },
    takeGrant(sender, grantId) {
      const seat = seatFor(sender);
      const grant = seat.grants.get(grantId);
      if (!grant) throw new AuthError('grant_used', 'No such confirmation at this seat: confirm again');
      seat.grants.delete(grantId);
      if (grant.sessionId !== seat.sessionId || sessions.state(seat.sessionId) !== 'active') {
        grant.revoke();
        throw new AuthError('wrong_operator', 'This confirmation belongs to another session');
      }
      return grant;
    },
  };
}

/** What other features of the core use: who is signed in, and step-up grants to consume. */
export interface AuthService {
  current(sender: SenderInfo): SignedIn | null;
  require(sender: SenderInfo): SignedIn;
  takeGrant(sender: SenderInfo, grantId: string): StepUpGrant;
  /** Operators with their public keys and roles (approval verification). */
  operators: OperatorStore;
}
