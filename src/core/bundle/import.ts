/**
 * Opening a verified, decrypted bundle into a store as a review copy, in one transaction: the
 * events and metric points (through the store's bulk writer, so rollups and the timeline work as
 * for any import), the incident under its own id or a suffixed one, its analyses and decisions
 * (evidence re-pointed at the events' and series' ids in this store), and the review record with
 * the bundle's journal entries. Anything that fails rolls all of it back.
 *
 * The local store keeps events in one table, not per incident: events this store already held in
 * the incident's window show on the review copy's timeline too (the caller warns about it).
 */
import { LANE_OF_KIND } from '../../shared/lanes';
import type { AnalysisResult } from '../../shared/hypotheses';
import { saveAnalysis } from '../analysis/persist';
import type { EventStore } from '../store/api';
import { sha256Hex } from './crypto';
import { BundleError } from './errors';
import { records, type Decrypted } from './read';
import { recordReviewCopy, reviewIdFor, type StoredJournalInfo } from './review';
import type { EventLine, PointsLine } from './schema';
import { keyFingerprint } from './crypto';

export interface Imported {
  incidentId: string;
  events: number;
  duplicates: number;
  series: number;
  points: number;
  analyses: number;
  journalEntries: number;
  /** Evidence event ids that matched no stored event (dropped from the evidence). */
  unmatchedEvidence: number;
}

/** Events already in this store's window of the incident, per the store's own counts. */
export function eventsInWindow(store: EventStore, from: number, to: number): number {
  return (store.sql.prepare('SELECT count(*) FROM events WHERE ts >= ? AND ts <= ?').pluck().get(from, to) as number) ?? 0;
}

function analysisIdFor(store: EventStore, original: string, incidentId: string): string {
  const taken = store.sql.prepare('SELECT 1 FROM analyses WHERE id = ?').pluck();
  if (taken.get(original) === undefined) return original;
  for (let n = 1; n < 1000; n++) {
    const id = `an-${sha256Hex(`${original}|${incidentId}|review|${n}`).slice(0, 20)}`;
    if (taken.get(id) === undefined) return id;
  }
  throw new BundleError('invalid_content', `Cannot find a free id for analysis ${original}`);
}

export function importReview(store: EventStore, d: Decrypted, trust: StoredJournalInfo['trust'], openedAt: number): Imported {
  if (store.readOnly) throw new BundleError('export_refused', `The store ${store.path} is open read-only: a bundle cannot be opened into it`);
  const header = d.verified.header;
  const db = store.sql;
  return db.transaction((): Imported => {
    const incidentId = reviewIdFor(store, d.incident.incident.id);
    const writer = store.bulk({ batchSize: 20_000 });
    const cited = new Map<number, { lane: string; ts: number; body: string }>();
    const seriesIds = new Map<number, number>();
    for (const s of d.series) seriesIds.set(s.id, writer.series({ name: s.name, labels: s.labels, lane: s.lane, ...(s.unit !== null ? { unit: s.unit } : {}) }));
    // Every record was parsed and checked by decryptFile over these same authenticated bytes.
    for (const r of records(d.plain)) {
      if (r.t === 'event') {
        const { id, e } = r.value as EventLine;
        writer.event(e);
        if (d.citedEvents.has(id) && !cited.has(id)) cited.set(id, { lane: LANE_OF_KIND[e.kind], ts: e.ts, body: JSON.stringify(e) });
      } else if (r.t === 'points') {
        const p = r.value as PointsLine;
        const sid = seriesIds.get(p.s);
        if (sid === undefined) throw new BundleError('invalid_content', `Points of undeclared series ${p.s}`);
        for (const [ts, v] of p.p) writer.point(sid, ts, v);
      }
    }
    const stats = writer.commit();

    const find = db.prepare('SELECT id FROM events WHERE lane = ? AND ts = ? AND body = ? ORDER BY id LIMIT 1').pluck();
    const eventIds = new Map<number, number>();
    for (const [old, c] of cited) {
      const id = find.get(c.lane, c.ts, c.body) as number | undefined;
      if (id !== undefined) eventIds.set(old, id);
    }

    store.upsertIncident({ ...d.incident.incident, id: incidentId });
    let unmatched = 0;
    const decide = db.prepare('INSERT INTO hypothesis_decisions (analysis_id, hypothesis_id, decision, reason, actor, decided_at) VALUES (?, ?, ?, ?, ?, ?)');
    for (const a of d.analyses) {
      const id = analysisIdFor(store, a.result.id, incidentId);
      const result: AnalysisResult = {
        ...a.result,
        id,
        incidentId,
        evidence: a.result.evidence.map((ev) => {
          const mapped = ev.eventIds.map((x) => eventIds.get(x)).filter((x): x is number => x !== undefined);
          unmatched += ev.eventIds.length - mapped.length;
          return { ...ev, eventIds: mapped, seriesIds: ev.seriesIds.map((x) => seriesIds.get(x)).filter((x): x is number => x !== undefined) };
        }),
      };
      saveAnalysis(store, result);
      for (const dec of a.decisions) decide.run(id, dec.hypothesisId, dec.decision, dec.reason, dec.actor, dec.decidedAt);
    }

    const cp = d.journal.checkpoint;
    recordReviewCopy(db, {
      incidentId,
      originalId: d.incident.incident.id,
      exporter: header.exporter,
      exportedAt: header.createdAt,
      sitrepVersion: header.sitrepVersion,
      bundleSha256: d.verified.sha256,
      openedAt,
      journal: d.journal,
      journalInfo: {
        included: d.journal.included,
        note: d.journal.note,
        journalId: d.journal.journalId,
        checkpoint: cp === null ? null : { seq: cp.seq, createdAt: cp.createdAt, valid: d.journalCheck.checkpointValid, keyFingerprint: keyFingerprint(cp.publicKey) },
        trust,
      },
      entries: d.entries,
    });
    return {
      incidentId,
      events: stats.events,
      duplicates: stats.duplicates,
      series: d.series.length,
      points: stats.points,
      analyses: d.analyses.length,
      journalEntries: d.entries.length,
      unmatchedEvidence: unmatched,
    };
  })();
}
