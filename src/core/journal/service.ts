/**
 * The core's journal: one file beside the store (`<dataDir>/journal.db`, the CLI's default too),
 * opened once its passphrase is given (or, on the desktop, by the OS keystore), then kept open for
 * the core's lifetime so every feature can record what it does.
 *
 * While the journal is locked, `append` QUEUES in memory (bounded, MAX_QUEUED entries) and writes
 * the queue, in order, at unlock; entries beyond the bound are counted as dropped and logged. The
 * queue is never written to disk: it holds plaintext. An entry queued and then lost with the
 * process (closed before the journal was unlocked) is the price of not blocking the incident on a
 * passphrase; records that must exist BEFORE their effect (a dispatch) use `appendNow`, which
 * refuses while locked, so the effect cannot happen unrecorded.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { WrapKeyProvider } from '../connections/key-provider';
import { JournalError } from './db';
import { openJournal, type Appended, type Journal } from './journal';
import { checkPayload, type JournalKind } from './kinds';

export const JOURNAL_FILE = 'journal.db';
export const MAX_QUEUED = 1000;

export type JournalServiceState = 'unavailable' | 'uninitialised' | 'locked' | 'unlocked';

export interface JournalServiceStatus {
  state: JournalServiceState;
  provider: 'passphrase' | 'safeStorage';
  queued: number;
  dropped: number;
  head: number | null;
  note?: string;
}

export type AppendOutcome = { status: 'appended'; seq: number; hash: string; ts: number } | { status: 'queued'; queued: number } | { status: 'dropped'; reason: string };

export interface JournalService {
  readonly path: string | null;
  status(): JournalServiceStatus;
  /** Opens the journal with its passphrase, creating it on first use; then writes the queue. */
  unlock(passphrase: string): Promise<JournalServiceStatus>;
  /** Desktop only: opens an existing journal with the OS keystore, without a passphrase. */
  tryKeystore(): Promise<boolean>;
  /** Records now when unlocked, else queues (see the module comment). Throws JournalError('invalid') on a bad payload. */
  append(kind: JournalKind, payload: unknown, actor: string): AppendOutcome;
  /** Records now or throws JournalError('locked'): for entries that must precede their effect. */
  appendNow(kind: JournalKind, payload: unknown, actor: string): Appended;
  /** The open journal (reading, verifying, exporting); throws JournalError('locked') when locked. */
  journal(): Journal;
  close(): void;
}

export interface JournalServiceOptions {
  /** The journal file; null: no journal (an in-memory store). */
  path: string | null;
  provider?: WrapKeyProvider | null;
  log?: (message: string, detail: unknown) => void;
  now?: () => number;
  maxQueued?: number;
  /** Called after the state changes (unlock, queue written). */
  onChange?: () => void;
}

interface Queued {
  kind: JournalKind;
  payload: unknown;
  actor: string;
  queuedAt: number;
}

/** Adds `detail.queuedAt` so an entry written late still says when it happened. */
function withQueuedAt(payload: unknown, queuedAt: number): unknown {
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return payload;
  const p = payload as Record<string, unknown>;
  const detail = p.detail;
  if (detail === undefined) return { ...p, detail: { queuedAt } };
  if (detail && typeof detail === 'object' && !Array.isArray(detail)) return { ...p, detail: { ...(detail as Record<string, unknown>), queuedAt } };
  return payload;
}

export const journalPathFor = (dataDir: string | null): string | null => (dataDir ? join(dataDir, JOURNAL_FILE) : null);

export function createJournalService(opts: JournalServiceOptions): JournalService {
  const log = opts.log ?? ((message: string, detail: unknown) => console.error(message, detail));
  const now = opts.now ?? Date.now;
  const maxQueued = opts.maxQueued ?? MAX_QUEUED;
  const provider = opts.provider ?? null;
  let opened: Journal | null = null;
  let opening: Promise<Journal> | null = null;
  const queue: Queued[] = [];
  let dropped = 0;

  function providerInfo(): { provider: 'passphrase' | 'safeStorage'; note?: string } {
    if (!provider) return { provider: 'passphrase' };
    const a = provider.availability();
    return a.ok ? { provider: 'safeStorage' } : { provider: 'passphrase', note: a.reason };
  }

  function status(): JournalServiceStatus {
    const p = providerInfo();
    const base = { ...p, queued: queue.length, dropped };
    if (opts.path === null) return { ...base, state: 'unavailable', head: null, note: 'This core has no data folder (in-memory store): there is no journal.' };
    if (opened) {
      let head: number;
      try {
        head = opened.head().seq;
      } catch (err) {
        return { ...base, state: 'unlocked', head: null, note: (err as Error).message };
      }
      return { ...base, state: 'unlocked', head, ...(opened.salvage ? { note: 'The journal file is damaged: it is open read-only to verify it.' } : {}) };
    }
    return { ...base, state: existsSync(opts.path) ? 'locked' : 'uninitialised', head: null };
  }

  function flush(j: Journal): void {
    let written = 0;
    while (queue.length > 0) {
      const q = queue[0];
      if (!q) break;
      try {
        j.append({ kind: q.kind, actor: q.actor, payload: withQueuedAt(q.payload, q.queuedAt) });
        written += 1;
      } catch (err) {
        dropped += 1;
        log('[journal] a queued entry could not be written', { kind: q.kind, error: (err as Error).message });
      }
      queue.shift();
    }
    if (written > 0) log(`[journal] wrote ${written} entries queued while the journal was locked`, null);
  }

  async function open(passphrase: string | null): Promise<Journal> {
    if (opened) return opened;
    const path = opts.path;
    if (path === null) throw new JournalError('not_found', 'This core has no data folder (in-memory store): there is no journal');
    opening ??= (async () => {
      const isNew = !existsSync(path);
      const j = await openJournal(path, {
        create: isNew,
        provider,
        ...(passphrase !== null ? { passphrase: () => Promise.resolve(passphrase) } : {}),
        now,
      });
      opened = j;
      flush(j);
      opts.onChange?.();
      return j;
    })().finally(() => {
      opening = null;
    });
    return opening;
  }

  function checked(kind: JournalKind, payload: unknown): unknown {
    const c = checkPayload(kind, payload);
    if (!c.ok) throw new JournalError('invalid', c.message);
    return c.value;
  }

  return {
    path: opts.path,
    status,
    async unlock(passphrase) {
      await open(passphrase);
      return status();
    },
    async tryKeystore() {
      if (!provider || !provider.availability().ok || opts.path === null || !existsSync(opts.path)) return false;
      try {
        await open(null);
        return true;
      } catch {
        return false;
      }
    },
    append(kind, payload, actor) {
      const value = checked(kind, payload);
      if (opened) {
        const a = opened.append({ kind, actor, payload: value });
        return { status: 'appended', ...a };
      }
      if (opts.path === null) return { status: 'dropped', reason: 'no journal (in-memory store)' };
      if (queue.length >= maxQueued) {
        dropped += 1;
        if (dropped === 1 || dropped % 100 === 0) log(`[journal] locked with ${queue.length} entries waiting: ${dropped} dropped so far; unlock the journal`, { kind });
        return { status: 'dropped', reason: 'the journal is locked and its queue is full' };
      }
      queue.push({ kind, payload: value, actor, queuedAt: now() });
      if (queue.length === 1) log('[journal] the journal is locked: entries wait in memory until it is unlocked', { kind });
      opts.onChange?.();
      return { status: 'queued', queued: queue.length };
    },
    appendNow(kind, payload, actor) {
      const value = checked(kind, payload);
      if (!opened) throw new JournalError('locked', 'The journal is locked: unlock it before this can be recorded');
      return opened.append({ kind, actor, payload: value });
    },
    journal() {
      if (!opened) throw new JournalError('locked', opts.path === null ? 'There is no journal for an in-memory store' : 'The journal is locked: enter its passphrase');
      return opened;
    },
    close() {
      if (queue.length > 0) log(`[journal] closing with ${queue.length} entries never written (the journal stayed locked)`, null);
      queue.length = 0;
      opened?.close();
      opened = null;
    },
  };
}
