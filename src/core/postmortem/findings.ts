/**
 * The analytic sections of the draft: the root cause with its evidence, what was tried and
 * rejected, contributing factors, and the action items drafted from them.
 */
import type { AnalysisResult, Evidence, Hypothesis } from '../../shared/hypotheses';
import type { ActionItem, EvidenceRef, LlmUsage, RejectedItem, ResponseMeasure, RootCause } from '../../shared/postmortem';
import { clock, count, duration, oneLine } from './format';
import { detailOf, record, str, type JournalEntryLite } from './journal-scope';
import type { AlertFact, StoredDecision } from './store-facts';

const MAX_ROOT_EVIDENCE = 8;

function evidenceRef(e: Evidence): EvidenceRef {
  return {
    id: e.id,
    kind: e.kind,
    summary: oneLine(e.summary, 1024),
    at: e.at,
    query: e.query.text.slice(0, 4096),
    from: e.query.from,
    to: e.query.to,
    eventId: e.eventIds[0] ?? null,
  };
}

/** The accepted hypothesis, else the analysis' leading one (marked as not confirmed). */
export function rootCauseOf(a: AnalysisResult | null): RootCause | null {
  if (a === null) return null;
  const h = a.hypotheses.find((x) => x.status === 'accepted') ?? a.hypotheses[0];
  if (h === undefined) return null;
  const byId = new Map(a.evidence.map((e) => [e.id, e]));
  // The changes it blames first (they are what a reader looks for), then the strongest of the rest.
  const evidence = h.supporting
    .map((id) => byId.get(id))
    .filter((e): e is Evidence => e !== undefined)
    .sort((x, y) => Number(y.kind === 'change') - Number(x.kind === 'change') || y.strength - x.strength || x.at - y.at)
    .slice(0, MAX_ROOT_EVIDENCE)
    .sort((x, y) => x.at - y.at)
    .map(evidenceRef);
  return {
    hypothesisId: h.id,
    title: h.title,
    confidence: h.confidence,
    status: h.status === 'accepted' ? 'accepted' : 'proposed',
    reason: h.reason ?? null,
    category: h.category,
    runbook: h.runbook,
    entities: h.entities.slice(0, 32),
    evidence,
  };
}

/** Rejected hypotheses (by the engine or a person) and actions that failed or were refused. */
export function rejectedOf(a: AnalysisResult | null, decisions: readonly StoredDecision[], journal: readonly JournalEntryLite[] | null): RejectedItem[] {
  const out: RejectedItem[] = [];
  for (const h of a?.rejected ?? []) {
    const d = [...decisions].reverse().find((x) => x.hypothesisId === h.id && x.decision === 'rejected');
    const why = d ? (d.reason ?? 'rejected') : (h.reason ?? 'ruled out by the analysis');
    const seq = journal?.find((e) => e.kind === 'decision' && str(detailOf(e).hypothesisId) === h.id && str(detailOf(e).decision) === 'rejected')?.seq ?? null;
    out.push({ what: `Hypothesis: ${oneLine(h.title, 480)}`, why: oneLine(why, 1024), by: d ? d.actor : 'the analysis', ts: d ? d.decidedAt : null, journalSeq: seq });
  }
  for (const e of journal ?? []) {
    const p = record(e.payload);
    const d = detailOf(e);
    const action = str(p.actionId) ?? 'an action';
    let why: string | null = null;
    if (e.kind === 'dispatch_result' && p.ok === false) why = `failed: ${str(p.message) ?? 'no message'}`;
    else if (e.kind === 'verification' && p.ok === false) why = `not verified: ${str(p.message) ?? 'the checks failed'}`;
    else if (e.kind === 'note' && d.type === 'dispatch_refused') why = `refused: ${str(p.text) ?? str(d.reason) ?? ''}`;
    if (why !== null) out.push({ what: `Action: ${action}`, why: oneLine(why, 1024), by: e.actor, ts: e.ts, journalSeq: e.seq });
  }
  return out.slice(0, 60);
}

export function contributingOf(a: AnalysisResult | null, root: RootCause | null): { title: string; confidence: number; status: string }[] {
  if (a === null) return [];
  return a.hypotheses
    .filter((h) => h.id !== root?.hypothesisId && (h.status === 'accepted' || h.confidence >= 0.1))
    .slice(0, 5)
    .map((h) => ({ title: h.title, confidence: h.confidence, status: h.status }));
}

/** A series name out of an evidence summary: "invalid structured-output rate of support-agent → model …". */
const subjectOf = (e: Evidence): string => oneLine(e.summary.replace(/\s+(rose|fell|dropped|climbed) from .*$/i, ''), 200);

const EVAL_CATEGORIES: ReadonlySet<Hypothesis['category']> = new Set(['model', 'agent', 'security', 'data']);

export interface ActionInput {
  analysis: AnalysisResult | null;
  root: RootCause | null;
  alerts: readonly AlertFact[];
  onset: number;
  llm: LlmUsage | null;
  response: readonly ResponseMeasure[];
  rejected: readonly RejectedItem[];
  journalRead: boolean;
}

/**
 * Action items drafted from the data: monitors on what moved before anyone was alerted, eval cases
 * from the failing LLM calls, release safety for a change that caused it, the runbook to review,
 * and follow-ups on actions that failed or on what could not be measured.
 */
export function actionItemsOf(x: ActionInput): ActionItem[] {
  const items: ActionItem[] = [];
  const a = x.analysis;
  const root = x.root;
  const firstAlert = x.alerts.filter((al) => al.state === 'firing' && al.ts >= x.onset).sort((p, q) => p.ts - q.ts)[0];
  if (a !== null && root !== null) {
    const h = a.hypotheses.find((y) => y.id === root.hypothesisId);
    const byId = new Map(a.evidence.map((e) => [e.id, e]));
    const early = (h?.supporting ?? [])
      .map((id) => byId.get(id))
      .filter((e): e is Evidence => e !== undefined && (e.kind === 'monitor' || e.kind === 'anomaly') && (firstAlert === undefined || e.at < firstAlert.ts))
      // The AI monitors first (invalid output, tool errors…), then the strongest anomalies.
      .sort((p, q) => Number(q.kind === 'monitor') - Number(p.kind === 'monitor') || q.strength - p.strength);
    const seen = new Set<string>();
    for (const e of early) {
      const subject = subjectOf(e);
      if (seen.has(subject) || seen.size >= 3) continue;
      seen.add(subject);
      const lead = firstAlert === undefined ? 'and no alert fired after the onset' : `${duration(firstAlert.ts - e.at)} before the first alert (${firstAlert.name})`;
      items.push({ kind: 'monitor', text: `Add a monitor on ${subject}: it moved at ${clock(e.at, x.onset)} UTC, ${lead}.`, basis: `evidence ${e.id}: ${oneLine(e.summary, 600)}` });
    }
    if (EVAL_CATEGORIES.has(root.category as Hypothesis['category']) || early.some((e) => e.kind === 'monitor')) {
      // The prompt itself (not one version of it), else the model, else whatever the root cause names first.
      const prompts = root.entities.filter((en) => en.startsWith('prompt:') && !en.includes('@')).sort((p, q) => q.length - p.length);
      const prompt = prompts[0] ?? root.entities.find((en) => en.startsWith('model:')) ?? root.entities[0] ?? 'the service';
      const failing = x.llm !== null && x.llm.failed > 0 ? `the ${count(x.llm.failed)} LLM calls that failed or returned invalid output during the incident` : 'the failing calls of this incident';
      items.push({ kind: 'eval', text: `Add eval cases from ${failing} to the release checks of ${prompt.replace(/^[a-z_]+:/, '')}, so a release that breaks them fails before it ships.`, basis: `root cause category ${root.category}; ${x.llm !== null ? `${count(x.llm.failed)} of ${count(x.llm.calls)} LLM calls failed or were invalid` : 'no LLM calls in the store'}` });
    }
    const change = (h?.supporting ?? []).map((id) => byId.get(id)).find((e) => e?.kind === 'change');
    if (change !== undefined) {
      items.push({ kind: 'change_safety', text: `Roll out changes like this one gradually, gated on the monitors above: ${oneLine(change.summary, 300)}.`, basis: `evidence ${change.id} (change) supports the root cause` });
    }
    if (root.runbook !== null) items.push({ kind: 'runbook', text: `Review the runbook ${root.runbook} against what was actually done in this incident.`, basis: `the runbook the root cause suggests` });
  }
  for (const r of x.rejected.filter((y) => y.what.startsWith('Action:')).slice(0, 5)) {
    items.push({ kind: 'follow_up', text: `Follow up on ${r.what.replace(/^Action: /, '')}: ${r.why}.`, basis: r.journalSeq !== null ? `journal #${r.journalSeq}` : 'the journal' });
  }
  const mitigate = x.response.find((m) => m.key === 'mitigate');
  if (mitigate !== undefined && (mitigate.ms === null || !/journal #/.test(mitigate.to?.label ?? ''))) {
    items.push({
      kind: 'follow_up',
      text: 'Record mitigations in the journal as they happen (runbook panel, or "done by hand"), so time to mitigate is measured from the record rather than inferred.',
      basis: x.journalRead ? 'no remediation in the journal' : 'the journal was not read for this draft',
    });
  }
  return items.slice(0, 30);
}
