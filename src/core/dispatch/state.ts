/**
 * The dispatcher's durable state, in its own SQLite file (WAL, synchronous=FULL): the approvals
 * already consumed (an approval dispatches once, even across restarts and processes), the
 * dispatches made (counted for rate limits and the circuit breaker) and the breaker itself.
 * `commit` checks and records in ONE immediate transaction, so two processes cannot both use
 * an approval or both slip under a limit.
 */
import Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS consumed (approval_id TEXT PRIMARY KEY, nonce TEXT NOT NULL UNIQUE, dispatch_id TEXT NOT NULL, action_id TEXT NOT NULL, at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS dispatches (dispatch_id TEXT PRIMARY KEY, action_id TEXT NOT NULL, at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS dispatches_at ON dispatches (at);
CREATE TABLE IF NOT EXISTS breaker (id INTEGER PRIMARY KEY CHECK (id = 1), open INTEGER NOT NULL, opened_at INTEGER, reason TEXT, reset_at INTEGER, reset_by TEXT);
INSERT OR IGNORE INTO breaker (id, open) VALUES (1, 0);
`;

export type BreakerState = { open: false; resetAt: number | null; resetBy: string | null } | { open: true; openedAt: number; reason: string };

export interface ConsumedApproval {
  approvalId: string;
  nonce: string;
}

export interface CommitInput {
  dispatchId: string;
  actionId: string;
  at: number;
  approvals: readonly ConsumedApproval[];
  breaker: { maxActions: number; windowMs: number };
  rate: { maxActions: number; windowMs: number };
}

export type CommitResult =
  | { ok: true }
  | { ok: false; reason: 'replayed'; message: string }
  | { ok: false; reason: 'breaker_open'; message: string }
  | { ok: false; reason: 'breaker_tripped'; message: string }
  | { ok: false; reason: 'rate_limited'; message: string };

export interface DispatchState {
  readonly path: string;
  /** Which of these approval ids or nonces were already consumed. */
  used(approvals: readonly ConsumedApproval[]): Set<string>;
  breaker(): BreakerState;
  /** Dispatches since `since` (of one action, or of all). */
  countSince(since: number, actionId?: string): number;
  commit(input: CommitInput): CommitResult;
  /** Closes the breaker; false when it was not open or was opened at another time than `openedAt`. */
  resetBreaker(openedAt: number, at: number, by: string): boolean;
  close(): void;
}

/** Opens (or creates) the state file; `:memory:` for a throwaway state. */
export function openDispatchState(path: string): DispatchState {
  if (path !== ':memory:') {
    const dir = dirname(path);
    if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  }
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  if (path !== ':memory:') chmodSync(path, 0o600);

  const byId = db.prepare<[string], { approval_id: string; nonce: string }>('SELECT approval_id, nonce FROM consumed WHERE approval_id = ?');
  const byNonce = db.prepare<[string], { approval_id: string; nonce: string }>('SELECT approval_id, nonce FROM consumed WHERE nonce = ?');
  const countAll = db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM dispatches WHERE at > ?');
  const countAction = db.prepare<[number, string], { n: number }>('SELECT count(*) AS n FROM dispatches WHERE at > ? AND action_id = ?');
  const breakerRow = db.prepare<[], { open: number; opened_at: number | null; reason: string | null; reset_at: number | null; reset_by: string | null }>(
    'SELECT open, opened_at, reason, reset_at, reset_by FROM breaker WHERE id = 1',
  );
  const openBreaker = db.prepare<[number, string]>('UPDATE breaker SET open = 1, opened_at = ?, reason = ? WHERE id = 1');
  const closeBreaker = db.prepare<[number, string, number]>('UPDATE breaker SET open = 0, reset_at = ?, reset_by = ? WHERE id = 1 AND open = 1 AND opened_at = ?');
  const insertConsumed = db.prepare<[string, string, string, string, number]>('INSERT INTO consumed (approval_id, nonce, dispatch_id, action_id, at) VALUES (?, ?, ?, ?, ?)');
  const insertDispatch = db.prepare<[string, string, number]>('INSERT INTO dispatches (dispatch_id, action_id, at) VALUES (?, ?, ?)');

  function used(approvals: readonly ConsumedApproval[]): Set<string> {
    const out = new Set<string>();
    for (const a of approvals) {
      const hit = byId.get(a.approvalId) ?? byNonce.get(a.nonce);
      if (hit !== undefined) {
        out.add(a.approvalId);
        out.add(a.nonce);
      }
    }
    return out;
  }

  function breaker(): BreakerState {
    const r = breakerRow.get();
    if (r !== undefined && r.open === 1) return { open: true, openedAt: r.opened_at ?? 0, reason: r.reason ?? '' };
    return { open: false, resetAt: r?.reset_at ?? null, resetBy: r?.reset_by ?? null };
  }

  const commitTx = db.transaction((c: CommitInput): CommitResult => {
    const b = breaker();
    if (b.open) return { ok: false, reason: 'breaker_open', message: `The circuit breaker is open since ${new Date(b.openedAt).toISOString()} (${b.reason}): a person must reset it` };
    if (used(c.approvals).size > 0) return { ok: false, reason: 'replayed', message: 'An approval was already used for a dispatch: each approval dispatches once' };
    const recent = countAll.get(c.at - c.breaker.windowMs)?.n ?? 0;
    if (recent >= c.breaker.maxActions) {
      const reason = `more than ${c.breaker.maxActions} dispatches within ${Math.round(c.breaker.windowMs / 60_000)} min`;
      openBreaker.run(c.at, reason);
      return { ok: false, reason: 'breaker_tripped', message: `Circuit breaker tripped (${reason}): all dispatching is halted until a person resets it` };
    }
    const mine = countAction.get(c.at - c.rate.windowMs, c.actionId)?.n ?? 0;
    if (mine >= c.rate.maxActions) {
      return { ok: false, reason: 'rate_limited', message: `${c.actionId} was dispatched ${mine} times within ${Math.round(c.rate.windowMs / 60_000)} min (limit ${c.rate.maxActions})` };
    }
    for (const a of c.approvals) insertConsumed.run(a.approvalId, a.nonce, c.dispatchId, c.actionId, c.at);
    insertDispatch.run(c.dispatchId, c.actionId, c.at);
    return { ok: true };
  });

  return {
    path,
    used,
    breaker,
    countSince: (since, actionId) => (actionId === undefined ? countAll.get(since)?.n : countAction.get(since, actionId)?.n) ?? 0,
    commit: (c) => commitTx.immediate(c),
    resetBreaker: (openedAt, at, by) => closeBreaker.run(at, by, openedAt).changes === 1,
    close: () => db.close(),
  };
}
