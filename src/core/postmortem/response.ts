/**
 * Time to detect, to context, to mitigate and to resolve, each measured from named moments in the
 * data, or unknown with the reason. The onset is the incident's recorded start.
 *
 * - detect: the first alert firing at or after the onset (else the incident's recorded detection);
 * - context: the first hypothesis recorded for the incident (a stored analysis with hypotheses, or
 *   a hypothesis in the journal), whichever came first;
 * - mitigate: the first successful remediation in the journal (an action sent, a verification that
 *   passed, an action recorded as done by hand), else the first rollback change in the store;
 * - resolve: the incident's recorded resolution.
 */
import type { Incident } from '../../shared/incident';
import type { ResponseMeasure } from '../../shared/postmortem';
import { clock, duration, oneLine, utc } from './format';
import { detailOf, record, str, textOf, type JournalEntryLite } from './journal-scope';
import type { AlertFact, ChangeFact, StoredAnalysisRow } from './store-facts';

export interface ResponseInput {
  incident: Incident;
  alerts: readonly AlertFact[];
  changes: readonly ChangeFact[];
  analyses: readonly StoredAnalysisRow[];
  /** The incident's journal entries, or null with why there are none. */
  journal: { entries: readonly JournalEntryLite[] } | { unavailable: string };
  /** The draft's analysis was run for the draft, not stored (it cannot count as context). */
  analysisRunForDraft: boolean;
}

interface Moment {
  label: string;
  ts: number;
}

function measure(key: ResponseMeasure['key'], label: string, from: Moment, to: Moment | null, note: string): ResponseMeasure {
  if (to === null) return { key, label, ms: null, from, to: null, note };
  return { key, label, ms: Math.max(0, Math.round(to.ts - from.ts)), from, to, note };
}

function detect(r: ResponseInput, onset: Moment): ResponseMeasure {
  const day = r.incident.startedAt;
  const firing = r.alerts.filter((a) => a.state === 'firing').sort((a, b) => a.ts - b.ts);
  const first = firing.find((a) => a.ts >= onset.ts);
  if (first !== undefined) {
    return measure('detect', 'Time to detect', onset, { label: `first alert ${first.name}`, ts: first.ts }, `from the onset (${clock(onset.ts, day)}) to the first alert firing, ${first.name} at ${clock(first.ts, day)} UTC`);
  }
  const earlier = firing.length > 0 ? ` (${firing.length} alert${firing.length === 1 ? '' : 's'} fired before the onset)` : '';
  if (r.incident.detectedAt !== null) {
    return measure('detect', 'Time to detect', onset, { label: 'detection recorded on the incident', ts: r.incident.detectedAt }, `no alert fired after the onset${earlier}; measured to the detection time recorded on the incident`);
  }
  return measure('detect', 'Time to detect', onset, null, `unknown: no alert fired after the onset in the incident window${earlier}, and the incident records no detection time`);
}

function context(r: ResponseInput, onset: Moment): ResponseMeasure {
  const day = r.incident.startedAt;
  const candidates: Moment[] = [];
  const stored = r.analyses.find((a) => a.hypotheses > 0);
  if (stored !== undefined) candidates.push({ label: `first stored analysis with hypotheses (${stored.hypotheses})`, ts: stored.createdAt });
  if ('entries' in r.journal) {
    const h = r.journal.entries.find((e) => e.kind === 'hypothesis');
    if (h !== undefined) candidates.push({ label: `first hypothesis in the journal (#${h.seq})`, ts: h.ts });
  }
  const first = candidates.sort((a, b) => a.ts - b.ts)[0];
  if (first === undefined) {
    const why = r.analysisRunForDraft ? ' (the analysis in this draft was run just now and does not count)' : '';
    return measure('context', 'Time to context', onset, null, `unknown: no hypothesis was recorded for this incident: no stored analysis, no hypothesis in the journal${why}`);
  }
  const resolved = r.incident.resolvedAt;
  if (resolved !== null && first.ts > resolved) {
    // Context that arrived after the resolution never helped the responders: no figure for it.
    return measure('context', 'Time to context', onset, null, `unknown during the incident: the ${first.label} was recorded at ${utc(first.ts)}, ${duration(first.ts - resolved)} after the resolution (the analysis ran after the fact)`);
  }
  return measure('context', 'Time to context', onset, first, `from the onset to the ${first.label} at ${clock(first.ts, day)} UTC`);
}

/** The first journal entry that shows a remediation that worked, at or after the onset. */
function firstRemediation(entries: readonly JournalEntryLite[], onset: number): Moment | null {
  for (const e of entries) {
    if (e.ts < onset) continue;
    const p = record(e.payload);
    const d = detailOf(e);
    const action = str(p.actionId) ?? 'an action';
    if (e.kind === 'dispatch_result' && p.ok === true && d.phase !== 'dry_run') return { label: `${action} sent (journal #${e.seq})`, ts: e.ts };
    if (e.kind === 'verification' && p.ok === true) return { label: `${action} verified (journal #${e.seq})`, ts: e.ts };
    if (e.kind === 'note' && d.type === 'human_action') return { label: `${oneLine(textOf(e) ?? 'an action done by hand', 120)} (journal #${e.seq})`, ts: e.ts };
  }
  return null;
}

function mitigate(r: ResponseInput, onset: Moment): ResponseMeasure {
  const day = r.incident.startedAt;
  const fromJournal = 'entries' in r.journal ? firstRemediation(r.journal.entries, onset.ts) : null;
  if (fromJournal !== null) return measure('mitigate', 'Time to mitigate', onset, fromJournal, `from the onset to the first successful remediation: ${fromJournal.label} at ${clock(fromJournal.ts, day)} UTC`);
  const journalNote = 'unavailable' in r.journal ? `the journal was not read (${r.journal.unavailable})` : 'the journal records no successful remediation and no action done by hand';
  const rollback = r.changes.filter((c) => c.changeType === 'rollback' && c.ts >= onset.ts).sort((a, b) => a.ts - b.ts)[0];
  if (rollback !== undefined) {
    return measure('mitigate', 'Time to mitigate', onset, { label: `rollback of ${rollback.target}`, ts: rollback.ts }, `${journalNote}; measured to the first rollback in the store, ${rollback.target} by ${rollback.author} at ${clock(rollback.ts, day)} UTC`);
  }
  return measure('mitigate', 'Time to mitigate', onset, null, `unknown: ${journalNote}, and the store holds no rollback after the onset`);
}

function resolve(r: ResponseInput, onset: Moment): ResponseMeasure {
  const at = r.incident.resolvedAt;
  if (at === null) return measure('resolve', 'Time to resolve', onset, null, `unknown: the incident is ${r.incident.status} and records no resolution time`);
  return measure('resolve', 'Time to resolve', onset, { label: 'resolution recorded on the incident', ts: at }, `from the onset to the resolution recorded on the incident, ${clock(at, r.incident.startedAt)} UTC`);
}

export function responseTimes(r: ResponseInput): ResponseMeasure[] {
  const onset: Moment = { label: 'onset (the incident start)', ts: r.incident.startedAt };
  return [detect(r, onset), context(r, onset), mitigate(r, onset), resolve(r, onset)];
}

export const describeMeasure = (m: ResponseMeasure): string => (m.ms === null ? m.note : `${duration(m.ms)} — ${m.note}`);
