/**
 * `draftPostmortem`: an incident's postmortem drafted from the store (incident, alerts, changes,
 * LLM calls, metric series), its latest analysis (hypotheses, decisions, blast radius) and the
 * journal entries that concern it. Deterministic for the same store, journal and `now`.
 */
import { ContractFailure } from '../../shared/envelope';
import type { AnalysisResult } from '../../shared/hypotheses';
import type { Incident } from '../../shared/incident';
import { PostmortemDraft, type Impact, type LlmUsage } from '../../shared/postmortem';
import { analyze, latestAnalysis } from '../analysis';
import type { EventStore } from '../store/api';
import { actionItemsOf, contributingOf, rejectedOf, rootCauseOf } from './findings';
import { entriesOfIncident, type JournalEntryLite, type JournalSource } from './journal-scope';
import { responseTimes } from './response';
import { generateSections } from './sections';
import { alertsAndChanges, chartSeries, llmUsage, storedAnalyses, storedDecisions } from './store-facts';
import { buildTimeline } from './timeline';

export interface DraftOptions {
  /** Run the deterministic engine when no analysis is stored for the incident (default true; it is not saved). */
  analyzeIfMissing?: boolean;
}

function impactOf(inc: Incident, a: AnalysisResult | null, llm: LlmUsage | null, end: number): Impact {
  const unknowns: string[] = [];
  if (a === null) unknowns.push('Share of requests and users affected: unknown, there is no analysis of this incident.');
  else {
    if (a.blastRadius.requestShare === null) unknowns.push('Share of requests affected: unknown, the analysis found no request-level data for the affected services.');
    if (a.blastRadius.usersAffected === null) unknowns.push('Users affected: unknown, the affected requests carry no user ids.');
  }
  if (llm === null) unknowns.push('Tokens and cost: unknown, the store holds no LLM calls from the onset to the resolution.');
  else if (llm.tokens > 0 && llm.costUsd === 0) unknowns.push('Cost in money: unknown, the LLM calls carry token counts but no price.');
  if (inc.resolvedAt === null) unknowns.push(`Duration: unknown, the incident is ${inc.status}; tokens and cost are counted to ${new Date(end).toISOString()}.`);
  return {
    durationMs: inc.resolvedAt === null ? null : Math.max(0, inc.resolvedAt - inc.startedAt),
    requestShare: a?.blastRadius.requestShare ?? null,
    usersAffected: a?.blastRadius.usersAffected ?? null,
    usersTotal: a?.blastRadius.usersTotal ?? null,
    services: a?.blastRadius.services.slice(0, 50) ?? [],
    endpoints: a?.blastRadius.endpoints.slice(0, 50) ?? [],
    llm,
    unknowns,
  };
}

export function draftPostmortem(store: EventStore, journal: JournalSource, incidentId: string, now: number, opts: DraftOptions = {}): PostmortemDraft {
  const inc = store.getIncident(incidentId);
  if (inc === null) throw new ContractFailure('not_found', `No incident ${incidentId}`);
  const stored = latestAnalysis(store, inc.id, inc.windowFrom, inc.windowTo);
  const analysis = stored ?? (opts.analyzeIfMissing === false ? null : analyze(store, { from: inc.windowFrom, to: inc.windowTo, incidentId: inc.id, now }));
  const analyses = storedAnalyses(store, inc.id);
  const decisions = storedDecisions(store, inc.id);

  const activeTo = inc.resolvedAt ?? now;
  let entries: JournalEntryLite[] | null = null;
  let journalNote: string;
  if ('entries' in journal) {
    entries = entriesOfIncident(journal.entries, { incidentId: inc.id, analysisIds: new Set(analyses.map((a) => a.id)), activeFrom: inc.startedAt, activeTo });
    const unreadable = journal.unreadable ?? 0;
    journalNote = `${entries.length} journal entr${entries.length === 1 ? 'y concerns' : 'ies concern'} this incident${unreadable > 0 ? `; ${unreadable} entries did not decrypt and were left out (run journal verify)` : ''}.`;
  } else {
    journalNote = `Drafted without the journal: ${journal.unavailable}.`;
  }

  const { alerts, changes, truncated } = alertsAndChanges(store, inc.windowFrom, inc.windowTo);
  const titles = new Map([...(analysis?.hypotheses ?? []), ...(analysis?.rejected ?? [])].map((h) => [h.id, h.title]));
  const { lines, dropped } = buildTimeline({ incident: inc, alerts, changes, analyses, decisions, titles, journal: entries });
  const response = responseTimes({ incident: inc, alerts, changes, analyses, journal: entries !== null ? { entries } : { unavailable: 'unavailable' in journal ? journal.unavailable : '' }, analysisRunForDraft: stored === null && analysis !== null });
  const end = Math.min(inc.resolvedAt ?? Math.min(now, inc.windowTo), inc.windowTo);
  const llm = llmUsage(store, inc.windowFrom, inc.startedAt, Math.max(end, inc.startedAt + 1));
  const impact = impactOf(inc, analysis, llm, end);
  if (truncated) impact.unknowns.push('Alerts and changes: only the first 200 of each in the window are in this draft.');
  if (dropped > 0) impact.unknowns.push(`Timeline: ${dropped} notes were left out (at most 400 lines).`);
  const rootCause = rootCauseOf(analysis);
  const rejected = rejectedOf(analysis, decisions, entries);
  const lead = [rootCause?.hypothesisId, ...(analysis?.hypotheses.slice(0, 3).map((h) => h.id) ?? [])].filter((x): x is string => x !== undefined);

  const parts = {
    version: 1 as const,
    incidentId: inc.id,
    incident: {
      title: inc.title,
      severity: inc.severity,
      status: inc.status,
      startedAt: inc.startedAt,
      detectedAt: inc.detectedAt,
      resolvedAt: inc.resolvedAt,
      windowFrom: inc.windowFrom,
      windowTo: inc.windowTo,
      services: inc.services.slice(0, 64),
    },
    generatedAt: now,
    analysis: analysis === null ? null : { id: analysis.id, createdAt: analysis.createdAt, stored: stored !== null },
    journal: { included: entries !== null, entries: entries?.length ?? 0, note: journalNote.slice(0, 512) },
    timeline: lines,
    response,
    impact,
    rootCause,
    rejected,
    contributing: contributingOf(analysis, rootCause),
    actionItems: actionItemsOf({ analysis, root: rootCause, alerts, onset: inc.startedAt, llm, response, rejected, journalRead: entries !== null }),
    charts: { from: inc.windowFrom, to: inc.windowTo, series: chartSeries(store, analysis, [...new Set(lead)], inc.windowFrom, inc.windowTo) },
  };
  return PostmortemDraft.parse({ ...parts, generated: generateSections(parts, inc.summary) });
}
