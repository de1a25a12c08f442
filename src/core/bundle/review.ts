/**
 * Review copies in a store (migration 6): which incidents were opened from a bundle, who exported
 * them, and the bundle's journal entries, kept apart from the local journal. `assertNotReviewCopy`
 * is the server-side guard every channel that changes or acts on an incident calls.
 */
import type Database from 'better-sqlite3';
import type { BundleJournal, BundleJournalEntry } from '../../shared/contract-bundle';
import { ContractFailure } from '../../shared/envelope';
import type { IncidentSummary, ReviewProvenance } from '../../shared/incident';
import type { EventStore } from '../store/api';
import { keyFingerprint } from './crypto';
import type { EntryLine, JournalLine } from './schema';

interface CopyRow {
  incident_id: string;
  original_id: string;
  exporter_id: string;
  exporter_name: string;
  exporter_key: string;
  exported_at: number;
  sitrep_version: string;
  bundle_sha256: string;
  opened_at: number;
  journal_json: string;
}

/** What is kept of the bundle's journal record besides its entries. */
export interface StoredJournalInfo {
  included: boolean;
  note: string | null;
  journalId: string | null;
  checkpoint: { seq: number; createdAt: number; valid: boolean; keyFingerprint: string } | null;
  trust: ReviewProvenance['exporter']['trust'];
}

/** The store's connection, or null for stand-ins without SQL (they hold no review copies). */
function sqlOf(store: EventStore): Database.Database | null {
  try {
    return store.sql;
  } catch {
    return null;
  }
}

function row(store: EventStore, incidentId: string): CopyRow | null {
  const db = sqlOf(store);
  if (db === null) return null;
  return (db.prepare('SELECT * FROM review_copies WHERE incident_id = ?').get(incidentId) as CopyRow | undefined) ?? null;
}

function provenanceOf(r: CopyRow): ReviewProvenance {
  const info = JSON.parse(r.journal_json) as StoredJournalInfo;
  return {
    kind: 'bundle',
    originalId: r.original_id,
    exporter: { id: r.exporter_id, name: r.exporter_name, fingerprint: keyFingerprint(r.exporter_key), trust: info.trust },
    exportedAt: r.exported_at,
    openedAt: r.opened_at,
    intact: true,
    bundleSha256: r.bundle_sha256,
  };
}

export function reviewProvenance(store: EventStore, incidentId: string): ReviewProvenance | null {
  const r = row(store, incidentId);
  return r === null ? null : provenanceOf(r);
}

export function isReviewCopy(store: EventStore, incidentId: string): boolean {
  return row(store, incidentId) !== null;
}

/** Refuses (forbidden) anything that would change or act on a review copy. */
export function assertNotReviewCopy(store: EventStore, incidentId: string): void {
  const r = row(store, incidentId);
  if (r !== null) {
    throw new ContractFailure('forbidden', `${incidentId} is a review copy opened from a bundle (exported by ${r.exporter_name}): it is read-only here. Act on the original incident where it lives.`);
  }
}

/** As assertNotReviewCopy, for channels that name an analysis rather than an incident. */
export function assertAnalysisNotReviewCopy(store: EventStore, analysisId: string): void {
  const db = sqlOf(store);
  if (db === null) return;
  const a = db.prepare('SELECT incident_id FROM analyses WHERE id = ?').get(analysisId) as { incident_id: string | null } | undefined;
  if (a?.incident_id) assertNotReviewCopy(store, a.incident_id);
}

/** Incident summaries with their provenance filled in for review copies. */
export function withProvenance<T extends IncidentSummary>(store: EventStore, incidents: T): T;
export function withProvenance<T extends IncidentSummary>(store: EventStore, incidents: T[]): T[];
export function withProvenance<T extends IncidentSummary>(store: EventStore, incidents: T | T[]): T | T[] {
  const db = sqlOf(store);
  if (db === null) return incidents;
  const all = new Map((db.prepare('SELECT * FROM review_copies').all() as CopyRow[]).map((r) => [r.incident_id, r]));
  const one = (i: T): T => {
    const r = all.get(i.id);
    return r === undefined ? i : { ...i, provenance: provenanceOf(r) };
  };
  return Array.isArray(incidents) ? incidents.map(one) : one(incidents);
}

/** The review copy already opened from the bundle with this SHA-256, if any. */
export function openedFrom(store: EventStore, bundleSha256: string): string | null {
  const db = sqlOf(store);
  if (db === null) return null;
  const r = db.prepare('SELECT incident_id FROM review_copies WHERE bundle_sha256 = ?').get(bundleSha256) as { incident_id: string } | undefined;
  return r?.incident_id ?? null;
}

/** The id a bundle's incident gets here: its own, or `<id>-review[-n]` when that is taken. */
export function reviewIdFor(store: EventStore, originalId: string): string {
  if (store.getIncident(originalId) === null) return originalId;
  const base = `${originalId.slice(0, 110)}-review`;
  for (let n = 1; n < 10_000; n++) {
    const id = n === 1 ? base : `${base}-${n}`;
    if (store.getIncident(id) === null) return id;
  }
  throw new ContractFailure('forbidden', `Too many review copies of ${originalId} in this store`);
}

export interface ReviewRecord {
  incidentId: string;
  originalId: string;
  exporter: { id: string; name: string; publicKey: string };
  exportedAt: number;
  sitrepVersion: string;
  bundleSha256: string;
  openedAt: number;
  journal: JournalLine;
  journalInfo: StoredJournalInfo;
  entries: readonly EntryLine[];
}

/** Inside the caller's transaction. */
export function recordReviewCopy(db: Database.Database, r: ReviewRecord): void {
  db.prepare(
    `INSERT INTO review_copies (incident_id, original_id, exporter_id, exporter_name, exporter_key, exported_at, sitrep_version, bundle_sha256, opened_at, journal_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(r.incidentId, r.originalId, r.exporter.id, r.exporter.name, r.exporter.publicKey, r.exportedAt, r.sitrepVersion, r.bundleSha256, r.openedAt, JSON.stringify(r.journalInfo));
  const insert = db.prepare('INSERT INTO review_journal (incident_id, seq, ts, kind, actor, hash, prev_hash, payload_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  for (const e of r.entries) insert.run(r.incidentId, e.seq, e.ts, e.kind, e.actor, e.hash, e.prevHash, JSON.stringify(e.payload));
}

const PAYLOAD_MAX = 16 * 1024;

function summaryOf(payload: unknown): string {
  const p = (payload ?? {}) as Record<string, unknown>;
  const detail = (p.detail ?? {}) as Record<string, unknown>;
  const text = [p.text, p.title, detail.summary, p.query].find((x): x is string => typeof x === 'string') ?? JSON.stringify(payload);
  const one = text.replace(/\s+/g, ' ');
  return one.length > 400 ? `${one.slice(0, 399)}…` : one;
}

/** The bundle's journal of a review copy, oldest first; not_found unless it is one. */
export function reviewJournal(store: EventStore, incidentId: string): BundleJournal {
  const r = row(store, incidentId);
  if (r === null) throw new ContractFailure('not_found', `${incidentId} is not a review copy opened from a bundle`);
  const info = JSON.parse(r.journal_json) as StoredJournalInfo;
  const rows = store.sql.prepare('SELECT seq, ts, kind, actor, hash, prev_hash, payload_json FROM review_journal WHERE incident_id = ? ORDER BY seq').all(incidentId) as {
    seq: number;
    ts: number;
    kind: string;
    actor: string;
    hash: string;
    prev_hash: string;
    payload_json: string;
  }[];
  let prev: { seq: number; hash: string } | null = null;
  const entries: BundleJournalEntry[] = rows.map((e) => {
    const payload = JSON.parse(e.payload_json) as unknown;
    const pretty = JSON.stringify(payload, null, 2);
    const linked = prev !== null && prev.seq + 1 === e.seq && prev.hash === e.prev_hash;
    prev = { seq: e.seq, hash: e.hash };
    return { seq: e.seq, ts: e.ts, kind: e.kind, actor: e.actor, hash: e.hash, prevHash: e.prev_hash, summary: summaryOf(payload), payload: pretty.length > PAYLOAD_MAX ? `${pretty.slice(0, PAYLOAD_MAX)}…` : pretty, linked };
  });
  return { incidentId, included: info.included, note: info.note, journalId: info.journalId, checkpoint: info.checkpoint, entries };
}
