/**
 * The postmortem's timeline: the incident's milestones, alerts and changes from the store,
 * analyses (hypotheses), decisions and actions from the journal (or, without it, from the
 * store's analyses and decisions). A line from the journal carries its entry's #seq; a line
 * from an event carries the event's id; every line carries its time.
 */
import type { Incident } from '../../shared/incident';
import type { TimelineLine } from '../../shared/postmortem';
import { duration, oneLine } from './format';
import { detailOf, record, str, textOf, type JournalEntryLite } from './journal-scope';
import type { AlertFact, ChangeFact, StoredAnalysisRow, StoredDecision } from './store-facts';

export const MAX_TIMELINE_LINES = 400;

const line = (l: Omit<TimelineLine, 'text' | 'actor'> & { text: string; actor?: string | null }): TimelineLine => ({ ...l, text: oneLine(l.text, 1024), actor: l.actor ?? null });
const pct = (x: number): string => `${Math.round(x * 100)}%`;

export function alertLine(a: AlertFact): TimelineLine {
  return line({ ts: a.ts, kind: 'alert', source: 'store', journalSeq: null, eventId: a.id, text: `Alert ${a.name} ${a.state} (${a.severity}, ${a.service})${a.summary ? `: ${a.summary}` : ''}` });
}

export function changeLine(c: ChangeFact): TimelineLine {
  const fromTo = c.from !== undefined && c.to !== undefined ? ` ${c.from} → ${c.to}` : '';
  return line({ ts: c.ts, kind: 'change', source: 'store', journalSeq: null, eventId: c.id, actor: c.author, text: `Change (${c.changeType}) ${c.target}${fromTo} by ${c.author}: ${c.summary}` });
}

function milestones(inc: Incident): TimelineLine[] {
  const out = [line({ ts: inc.startedAt, kind: 'milestone', source: 'incident', journalSeq: null, eventId: null, text: 'Onset: the incident starts' })];
  if (inc.detectedAt !== null) out.push(line({ ts: inc.detectedAt, kind: 'milestone', source: 'incident', journalSeq: null, eventId: null, text: `Detected (${duration(inc.detectedAt - inc.startedAt)} after the onset)` }));
  if (inc.resolvedAt !== null) out.push(line({ ts: inc.resolvedAt, kind: 'milestone', source: 'incident', journalSeq: null, eventId: null, text: `Resolved (${duration(inc.resolvedAt - inc.startedAt)} after the onset)` }));
  return out;
}

const VERB: Record<StoredDecision['decision'], string> = { accepted: 'Accepted', rejected: 'Rejected', proposed: 'Reopened' };

/** One line per journal entry worth a line; null for entries the postmortem leaves out. */
function journalLine(e: JournalEntryLite): TimelineLine | null {
  const p = record(e.payload);
  const d = detailOf(e);
  const base = { ts: e.ts, source: 'journal' as const, journalSeq: e.seq, eventId: null, actor: e.actor };
  const action = str(p.actionId) ?? 'an action';
  switch (e.kind) {
    case 'decision':
      return line({ ...base, kind: 'decision', text: `${textOf(e) ?? 'Decision'} (${e.actor})` });
    case 'approval':
      // The dispatcher re-journals the approvals it verified; the dispatching line stands for them.
      if (str(d.dispatchId) !== null) return null;
      return line({ ...base, kind: 'action', text: `${e.actor} approved ${action}` });
    case 'break_glass':
      return line({ ...base, kind: 'action', text: `Break-glass by ${str(p.operator) ?? e.actor} for ${action}: ${str(p.reason) ?? ''}` });
    case 'dispatching': {
      const target = str(d.target);
      return line({ ...base, kind: 'action', text: `Dispatching ${action}${target ? ` to ${target}` : ''}` });
    }
    case 'dispatch_result': {
      const status = typeof p.status === 'number' ? ` (HTTP ${p.status})` : '';
      if (d.phase === 'dry_run') return line({ ...base, kind: 'action', text: `${action}: dry run accepted${status}` });
      return line({ ...base, kind: 'action', text: p.ok === true ? `${action} sent${status}` : `${action} failed${status}: ${str(p.message) ?? 'no message'}` });
    }
    case 'verification':
      return line({ ...base, kind: 'action', text: p.ok === true ? `${action} verified${str(p.message) ? `: ${str(p.message)}` : ''}` : `${action} not verified: ${str(p.message) ?? 'the checks failed'}` });
    case 'evidence':
      // Evidence of an analysis is summed up by its hypotheses; a runbook's diagnostic is something someone ran.
      if (str(d.runbook) === null) return null;
      return line({ ...base, kind: 'action', text: `Diagnostic ${String(d.runbook)} / ${str(d.step) ?? '?'}: ${str(d.status) ?? ''}${d.value !== undefined && d.value !== null ? ` = ${String(d.value)}` : ''}` });
    case 'model_io':
      return line({ ...base, kind: 'note', text: `A model reviewed the analysis (${str(p.model) ?? 'model'})` });
    case 'note': {
      const type = str(d.type);
      if (type === 'postmortem_edited') return null;
      const text = textOf(e) ?? '';
      if (type === 'observation') return line({ ...base, kind: 'action', text: `(observation mode) ${text}` });
      if (type === 'human_action' || type === 'dispatch_refused' || type === 'breaker_opened') return line({ ...base, kind: 'action', text });
      return line({ ...base, kind: 'note', text: `Note by ${e.actor}: ${text}` });
    }
    default:
      return null;
  }
}

export interface TimelineInput {
  incident: Incident;
  alerts: readonly AlertFact[];
  changes: readonly ChangeFact[];
  analyses: readonly StoredAnalysisRow[];
  decisions: readonly StoredDecision[];
  /** Titles of hypotheses by id (from the analysis the draft uses). */
  titles: ReadonlyMap<string, string>;
  /** The incident's journal entries, or null without the journal. */
  journal: readonly JournalEntryLite[] | null;
}

/** An analysis as one line: how many hypotheses, which one leads. */
function analysisText(n: number, leading: string | null, confidence: number | null): string {
  if (n === 0) return 'Analysis ran: no hypothesis';
  return `Analysis proposed ${n} hypothes${n === 1 ? 'is' : 'es'}; leading: ${leading ?? '?'}${confidence !== null ? ` (${pct(confidence)})` : ''}`;
}

export function buildTimeline(t: TimelineInput): { lines: TimelineLine[]; dropped: number } {
  const lines: TimelineLine[] = [...milestones(t.incident), ...t.alerts.map(alertLine), ...t.changes.map(changeLine)];
  const journal = t.journal ?? [];
  // Hypotheses: one line per analysis, from its journal entries when they exist.
  const journaled = new Map<string, JournalEntryLite[]>();
  for (const e of journal) {
    const a = str(detailOf(e).analysisId);
    if (e.kind === 'hypothesis' && a !== null) journaled.set(a, [...(journaled.get(a) ?? []), e]);
  }
  for (const a of t.analyses) {
    const entries = journaled.get(a.id);
    if (entries !== undefined && entries.length > 0) {
      const proposed = entries.filter((e) => detailOf(e).status !== 'rejected');
      const lead = [...proposed].sort((x, y) => Number(detailOf(x).rank ?? 99) - Number(detailOf(y).rank ?? 99))[0] ?? entries[0];
      const lp = record(lead?.payload);
      const first = entries[0];
      if (first === undefined) continue;
      lines.push(line({ ts: first.ts, kind: 'hypothesis', source: 'journal', journalSeq: lead?.seq ?? first.seq, eventId: null, actor: first.actor, text: analysisText(proposed.length, str(lp.title), typeof lp.confidence === 'number' ? lp.confidence : null) }));
    } else {
      lines.push(line({ ts: a.createdAt, kind: 'hypothesis', source: 'analysis', journalSeq: null, eventId: null, text: analysisText(a.hypotheses, a.leading, a.confidence) }));
    }
  }
  // Decisions: the journal's; the store's where the journal has no entry for them.
  const journalDecisions = new Set(
    journal.filter((e) => e.kind === 'decision').map((e) => {
      const d = detailOf(e);
      return `${str(d.analysisId) ?? ''}|${str(d.hypothesisId) ?? ''}|${str(d.decision) ?? ''}`;
    }),
  );
  for (const d of t.decisions) {
    if (journalDecisions.has(`${d.analysisId}|${d.hypothesisId}|${d.decision}`)) continue;
    const title = t.titles.get(d.hypothesisId) ?? d.hypothesisId;
    lines.push(line({ ts: d.decidedAt, kind: 'decision', source: 'analysis', journalSeq: null, eventId: null, actor: d.actor, text: `${VERB[d.decision]} hypothesis "${title}"${d.reason ? ` — ${d.reason}` : ''} (${d.actor})` }));
  }
  for (const e of journal) {
    const l = journalLine(e);
    if (l !== null) lines.push(l);
  }
  const order: Record<TimelineLine['kind'], number> = { milestone: 0, alert: 1, change: 2, hypothesis: 3, decision: 4, action: 5, note: 6 };
  lines.sort((a, b) => a.ts - b.ts || order[a.kind] - order[b.kind] || (a.journalSeq ?? 0) - (b.journalSeq ?? 0) || (a.eventId ?? 0) - (b.eventId ?? 0));
  if (lines.length <= MAX_TIMELINE_LINES) return { lines, dropped: 0 };
  // Too many: keep everything but notes and diagnostics first, then the earliest of the rest.
  const keep = lines.filter((l) => l.kind !== 'note');
  const kept = (keep.length > MAX_TIMELINE_LINES ? keep.slice(0, MAX_TIMELINE_LINES) : [...keep, ...lines.filter((l) => l.kind === 'note').slice(0, MAX_TIMELINE_LINES - keep.length)]).sort(
    (a, b) => a.ts - b.ts || order[a.kind] - order[b.kind],
  );
  return { lines: kept, dropped: lines.length - kept.length };
}
