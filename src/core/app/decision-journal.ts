/**
 * The commander's verdicts on hypotheses, as journal entries (kind `decision`), and who gave
 * them: the operator signed in at the sender, or `<host>:commander` when nobody is. Recording
 * never fails the decision itself: while the journal is locked the entry waits in its queue
 * (see ../journal/service.ts), and an unexpected failure is logged.
 */
import { createHash } from 'node:crypto';
import type { AnalysisResult } from '../../shared/hypotheses';
import type { SenderInfo } from '../contract/handlers';
import type { CoreContext } from './context';

export interface DecisionInput {
  analysisId: string;
  hypothesisId: string;
  decision: 'accepted' | 'rejected' | 'proposed';
  reason: string | null;
}

const VERB = { accepted: 'Accepted', rejected: 'Rejected', proposed: 'Reopened' } as const;

export function decisionActor(ctx: Pick<CoreContext, 'auth'>, sender: SenderInfo): string {
  return ctx.auth?.current(sender)?.name ?? `${sender.host}:commander`;
}

export function journalDecision(ctx: Pick<CoreContext, 'journal' | 'log'>, actor: string, input: DecisionInput, result: AnalysisResult): void {
  if (!ctx.journal) return;
  const h = [...result.hypotheses, ...result.rejected].find((x) => x.id === input.hypothesisId);
  const title = h?.title ?? input.hypothesisId;
  const text = `${VERB[input.decision]} hypothesis "${title}"${input.reason ? ` — ${input.reason}` : ''}`;
  try {
    ctx.journal.append(
      'decision',
      { text, detail: { incidentId: result.incidentId, analysisId: input.analysisId, hypothesisId: input.hypothesisId, decision: input.decision, reason: input.reason } },
      actor,
    );
  } catch (err) {
    ctx.log('[journal] the decision could not be recorded', { error: (err as Error).message });
  }
}

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

/** At most this many evidence entries per analysis: what the live hypotheses cite, strongest first. */
const MAX_EVIDENCE = 40;

/**
 * An analysis as journal entries: each piece of evidence the proposed hypotheses rest on (its exact
 * query, window and a digest of what it returned) and each hypothesis with the evidence ids it cites.
 */
export function journalAnalysis(ctx: Pick<CoreContext, 'journal' | 'log'>, actor: string, result: AnalysisResult): void {
  if (!ctx.journal) return;
  const cited = new Set(result.hypotheses.flatMap((h) => [...h.supporting, ...h.contradicting]));
  const evidence = result.evidence.filter((e) => cited.has(e.id)).sort((a, b) => b.strength - a.strength).slice(0, MAX_EVIDENCE);
  try {
    for (const e of evidence) {
      ctx.journal.append(
        'evidence',
        {
          query: e.query.text,
          source: e.query.language,
          window: { from: e.query.from, to: e.query.to },
          resultDigest: sha256(JSON.stringify({ summary: e.summary, facts: e.facts, eventIds: e.eventIds, seriesIds: e.seriesIds })),
          detail: { analysisId: result.id, evidenceId: e.id, kind: e.kind, summary: e.summary },
        },
        actor,
      );
    }
    for (const h of [...result.hypotheses, ...result.rejected.slice(0, 10)]) {
      ctx.journal.append(
        'hypothesis',
        {
          hypothesisId: h.id,
          title: h.title,
          confidence: h.confidence,
          evidence: h.supporting.slice(0, 1000),
          detail: { analysisId: result.id, incidentId: result.incidentId, engineVersion: result.engineVersion, rank: h.rank, status: h.status, category: h.category, runbook: h.runbook, reason: h.reason ?? null },
        },
        actor,
      );
    }
  } catch (err) {
    ctx.log('[journal] the analysis could not be recorded', { error: (err as Error).message });
  }
}

/** A model review as a journal entry: digests of the exact prompt and answer, the model's identity and parameters. */
export function journalModelExchange(
  ctx: Pick<CoreContext, 'journal' | 'log'>,
  actor: string,
  x: { system: string; user: string; output: string; modelSha256: string; model: string; parameters: Record<string, string | number | boolean | null>; analysisId: string },
): void {
  if (!ctx.journal) return;
  try {
    ctx.journal.append(
      'model_io',
      { promptDigest: sha256(`${x.system}\n\n${x.user}`), outputDigest: sha256(x.output), modelSha256: x.modelSha256, model: x.model.slice(0, 512), parameters: x.parameters, detail: { analysisId: x.analysisId } },
      actor,
    );
  } catch (err) {
    ctx.log('[journal] the model exchange could not be recorded', { error: (err as Error).message });
  }
}
