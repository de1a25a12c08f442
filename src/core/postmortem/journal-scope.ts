/**
 * Which journal entries concern an incident. The journal is one chain for every incident, and
 * not every entry names the incident it belongs to, so an entry is taken when:
 * - it names the incident (`detail.incidentId`, or the id in its text), or one of its analyses
 *   (`detail.analysisId`);
 * - it shares a dispatch (`detail.dispatchId`) or a plan (`detail.planId`) with an entry taken;
 * - it names no incident and no analysis at all and was written while the incident was active
 *   (from its start to its resolution, or to now while unresolved).
 * An entry naming another incident, or an analysis of another incident, is never taken.
 */
import type { Journal } from '../journal/journal';

/** A decrypted journal entry, as the draft reads it. */
export interface JournalEntryLite {
  seq: number;
  ts: number;
  kind: string;
  actor: string;
  payload: unknown;
}

/** The journal as the draft gets it: its entries, or why it could not be read. */
export type JournalSource = { entries: readonly JournalEntryLite[]; unreadable?: number } | { unavailable: string };

/** At most this many of the newest entries are read for one draft. */
export const MAX_JOURNAL_ENTRIES = 50_000;

/** Every readable entry of an open journal, oldest first; entries that do not decrypt are counted, not read. */
export function readJournal(journal: Pick<Journal, 'page'>, max = MAX_JOURNAL_ENTRIES): { entries: JournalEntryLite[]; unreadable: number } {
  const entries: JournalEntryLite[] = [];
  let unreadable = 0;
  let before: number | undefined;
  while (entries.length + unreadable < max) {
    const page = journal.page({ limit: Math.min(500, max - entries.length - unreadable), ...(before !== undefined ? { before } : {}) });
    for (const e of page.entries) {
      if (e.unreadable) unreadable += 1;
      else entries.push({ seq: e.seq, ts: e.ts, kind: e.kind, actor: e.actor, payload: e.payload });
    }
    if (page.next === null) break;
    before = page.next;
  }
  entries.sort((a, b) => a.seq - b.seq);
  return { entries, unreadable };
}

export const record = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
export const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
export const detailOf = (e: JournalEntryLite): Record<string, unknown> => record(record(e.payload).detail);
export const textOf = (e: JournalEntryLite): string | null => str(record(e.payload).text);

export interface ScopeInput {
  incidentId: string;
  /** Ids of every analysis stored for this incident. */
  analysisIds: ReadonlySet<string>;
  activeFrom: number;
  activeTo: number;
}

type Verdict = 'ours' | 'theirs' | 'unlinked';

function verdict(e: JournalEntryLite, s: ScopeInput): Verdict {
  const d = detailOf(e);
  const inc = str(d.incidentId);
  if (inc !== null) return inc === s.incidentId ? 'ours' : 'theirs';
  const analysis = str(d.analysisId);
  // An analysis not stored for this incident belongs to another one (or to a bare time window).
  if (analysis !== null) return s.analysisIds.has(analysis) ? 'ours' : 'theirs';
  const text = textOf(e);
  if (text !== null && text.includes(s.incidentId)) return 'ours';
  return 'unlinked';
}

const LINKS = ['dispatchId', 'planId'] as const;

export function entriesOfIncident(entries: readonly JournalEntryLite[], s: ScopeInput): JournalEntryLite[] {
  const verdicts = entries.map((e) => verdict(e, s));
  const taken = new Set<number>();
  const links = new Set<string>();
  entries.forEach((e, i) => {
    const v = verdicts[i];
    const inWindow = e.ts >= s.activeFrom && e.ts <= s.activeTo;
    if (v === 'ours' || (v === 'unlinked' && inWindow && e.kind !== 'checkpoint')) {
      taken.add(e.seq);
      const d = detailOf(e);
      for (const k of LINKS) {
        const id = str(d[k]);
        if (id !== null) links.add(`${k}:${id}`);
      }
    }
  });
  entries.forEach((e, i) => {
    if (taken.has(e.seq) || verdicts[i] === 'theirs') return;
    const d = detailOf(e);
    if (LINKS.some((k) => str(d[k]) !== null && links.has(`${k}:${str(d[k]) ?? ''}`))) taken.add(e.seq);
  });
  return entries.filter((e) => taken.has(e.seq));
}
