/**
 * What goes into a bundle, read from the store and the journal as payload records (schema.ts),
 * in section order: the incident; every event of its window (and the changes and logs of the
 * lead-up the engine reads, so a re-run sees what the original run saw); the metric points of the
 * window; every stored analysis of the incident with its decisions; the journal's entries about
 * the incident, with a checkpoint signed at export that covers them.
 *
 * An entry is "about the incident" when its payload names the incident id or one of its analyses'
 * ids anywhere (decisions, hypotheses, evidence, model exchanges; notes that name the incident). A
 * note that names neither is not tied to any incident and is left out.
 */
import { EventInput } from '../../shared/events';
import { Incident } from '../../shared/incident';
import { EventLaneId, MetricLaneId } from '../../shared/lanes';
import { leadMs } from '../analysis/changes';
import { loadAnalysis } from '../analysis/persist';
import type { Journal, JournalEntry } from '../journal/journal';
import type { EventStore } from '../store/api';
import { BundleError } from './errors';
import { POINTS_PER_LINE, type AnalysisLine, type DecisionRecord, type EntryLine, type EventLine, type IncidentLine, type JournalLine, type PointsLine, type SeriesLine } from './schema';

/** The logs the engine reads before the window (scheduler placements, see analysis/placement.ts). */
export const LOGS_LEAD_MS = 15 * 60_000;

export type PayloadRecord = IncidentLine | EventLine | SeriesLine | PointsLine | AnalysisLine | JournalLine | EntryLine;

export interface JournalSource {
  journal: Journal | null;
  /** Why there is no journal (locked, absent, left out on purpose): said in the bundle. */
  reason?: string;
  /** Who takes the export checkpoint (it is journaled). */
  actor: string;
}

export function incidentOf(store: EventStore, id: string): Incident {
  const found = store.getIncident(id);
  if (!found) throw new BundleError('export_refused', `No incident ${id} in this store`);
  return Incident.parse(found);
}

export function analysisIdsOf(store: EventStore, incidentId: string): string[] {
  return (store.sql.prepare('SELECT id FROM analyses WHERE incident_id = ? ORDER BY created_at, rowid').all(incidentId) as { id: string }[]).map((r) => r.id);
}

function* eventLines(store: EventStore, inc: Incident, changesFrom: number, logsFrom: number): Generator<EventLine> {
  const stmt = store.sql.prepare('SELECT id, body FROM events WHERE lane = ? AND ts >= ? AND ts <= ? ORDER BY ts, id');
  for (const lane of EventLaneId.options) {
    const from = lane === 'changes' ? changesFrom : lane === 'logs' ? logsFrom : inc.windowFrom;
    for (const row of stmt.iterate(lane, from, inc.windowTo) as IterableIterator<{ id: number; body: string }>) {
      const parsed = EventInput.safeParse(JSON.parse(row.body));
      if (!parsed.success) throw new BundleError('export_refused', `Stored event #${row.id} does not read back as a valid event; nothing was exported`);
      yield { t: 'event', id: row.id, e: parsed.data };
    }
  }
}

interface SeriesRow {
  id: number;
  name: string;
  labels_json: string;
  lane: string;
  unit: string | null;
}

function* metricLines(store: EventStore, inc: Incident): Generator<SeriesLine | PointsLine> {
  const all = store.sql.prepare('SELECT id, name, labels_json, lane, unit FROM metric_series ORDER BY id').all() as SeriesRow[];
  const first = store.sql.prepare('SELECT 1 FROM metric_points WHERE series_id = ? AND ts >= ? AND ts <= ? LIMIT 1').pluck();
  const series: SeriesLine[] = [];
  for (const s of all) {
    const lane = MetricLaneId.safeParse(s.lane);
    if (!lane.success || first.get(s.id, inc.windowFrom, inc.windowTo) === undefined) continue;
    series.push({ t: 'series', id: s.id, name: s.name, labels: JSON.parse(s.labels_json) as Record<string, string>, lane: lane.data, unit: s.unit });
  }
  yield* series;
  const points = store.sql.prepare('SELECT ts, value FROM metric_points WHERE series_id = ? AND ts >= ? AND ts <= ? ORDER BY ts').raw();
  for (const s of series) {
    let chunk: [number, number][] = [];
    for (const row of points.iterate(s.id, inc.windowFrom, inc.windowTo) as IterableIterator<[number, number | null]>) {
      const v = row[1];
      if (v === null || !Number.isFinite(v)) continue;
      chunk.push([row[0], v]);
      if (chunk.length === POINTS_PER_LINE) {
        yield { t: 'points', s: s.id, p: chunk };
        chunk = [];
      }
    }
    if (chunk.length > 0) yield { t: 'points', s: s.id, p: chunk };
  }
}

function* analysisLines(store: EventStore, ids: readonly string[]): Generator<AnalysisLine> {
  const decisions = store.sql.prepare('SELECT hypothesis_id, decision, reason, actor, decided_at FROM hypothesis_decisions WHERE analysis_id = ? ORDER BY id');
  for (const id of ids) {
    const result = loadAnalysis(store, id);
    if (result === null) continue;
    const rows = decisions.all(id) as { hypothesis_id: string; decision: DecisionRecord['decision']; reason: string | null; actor: string; decided_at: number }[];
    yield { t: 'analysis', result, decisions: rows.map((d) => ({ hypothesisId: d.hypothesis_id, decision: d.decision, reason: d.reason, actor: d.actor, decidedAt: d.decided_at })) };
  }
}

/** Matches `id` as a whole word in free text (not inside a longer id such as INC-10 for INC-1). */
export function idPattern(id: string): RegExp {
  return new RegExp(`(^|[^A-Za-z0-9_-])${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Za-z0-9_-])`);
}

/** True when any string in the value is one of `ids`, or names `text` as a whole word. */
export function mentions(value: unknown, ids: ReadonlySet<string>, text: RegExp): boolean {
  if (typeof value === 'string') return ids.has(value) || text.test(value);
  if (Array.isArray(value)) return value.some((v) => mentions(v, ids, text));
  if (value !== null && typeof value === 'object') return Object.values(value).some((v) => mentions(v, ids, text));
  return false;
}

function journalLines(source: JournalSource, incidentId: string, analysisIds: readonly string[]): PayloadRecord[] {
  const j = source.journal;
  if (j === null) return [{ t: 'journal', included: false, note: source.reason ?? 'no journal', journalId: null, publicKey: null, checkpoint: null }];
  const check = j.verify();
  if (!check.ok) {
    const bad = check.firstBad;
    throw new BundleError('export_refused', `The journal does not verify (${bad?.seq !== null && bad?.seq !== undefined ? `entry #${bad.seq}: ` : ''}${bad?.message ?? 'unknown problem'}): export without the journal, or repair it first`);
  }
  const checkpoint = j.checkpoint(source.actor);
  const ids = new Set([incidentId, ...analysisIds]);
  const text = idPattern(incidentId);
  const entries: EntryLine[] = j
    .list()
    .filter((e: JournalEntry) => e.seq <= checkpoint.seq && mentions(e.payload, ids, text))
    .map((e) => ({ t: 'entry', seq: e.seq, ts: e.ts, kind: e.kind, actor: e.actor, hash: e.hash, prevHash: e.prevHash, payload: e.payload as EntryLine['payload'] }));
  return [{ t: 'journal', included: true, note: null, journalId: j.id, publicKey: j.publicKey, checkpoint }, ...entries];
}

export interface Collected {
  incident: Incident;
  records: Iterable<PayloadRecord>;
}

/** The payload records of an incident, in section order (events and points are read lazily). */
export function collect(store: EventStore, incidentId: string, journal: JournalSource, exportedAt: number): Collected {
  const incident = incidentOf(store, incidentId);
  const changesFrom = Math.max(0, incident.windowFrom - leadMs(incident.windowFrom, incident.windowTo));
  const logsFrom = Math.max(0, incident.windowFrom - LOGS_LEAD_MS);
  const analysisIds = analysisIdsOf(store, incident.id);
  // The journal first: its checkpoint is taken now, and a journal that does not verify stops the export before any work.
  const journalPart = journalLines(journal, incident.id, analysisIds);
  const head: IncidentLine = { t: 'incident', incident, exportedAt, window: { from: incident.windowFrom, to: incident.windowTo }, context: { changesFrom, logsFrom } };
  function* records(): Generator<PayloadRecord> {
    yield head;
    yield* eventLines(store, incident, changesFrom, logsFrom);
    yield* metricLines(store, incident);
    yield* analysisLines(store, analysisIds);
    yield* journalPart;
  }
  return { incident, records: records() };
}
