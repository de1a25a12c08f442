/**
 * reviewAnalysis: a model explains and re-ranks the engine's hypotheses. The prompt carries the
 * evidence bundle within a token budget (redacted before it leaves the machine), the answer is
 * parsed against the schema and grounded in the evidence. On any failure the engine's result is
 * returned unchanged, with `review.error` saying what went wrong.
 */
import type { AnalysisResult, ModelReview } from '../../shared/hypotheses';
import { RUNBOOK_IDS } from './catalogue';
import { DEFAULT_LOCAL_BUDGET, DEFAULT_REMOTE_BUDGET, type ModelClient } from './client';
import { ModelError } from './errors';
import { ground } from './grounding';
import { DEFAULT_LIMITS, MAX_ANSWER_TOKENS, maxOutputTokens, outputJsonSchema, parseAnswer, type ModelAnswer, type OutputLimits } from './output-schema';
import { buildPrompt } from './prompt';
import { DEFAULT_REDACTION, type RedactionConfig } from './redact/config';
import { createRedactor, type Redactor } from './redact/redactor';
import { streamRestorer } from './redact/stream-restore';

export interface ReviewOptions {
  /** Prompt tokens (system + user + template); default 1,500 local, 4,000 remote. */
  budgetTokens?: number;
  signal?: AbortSignal;
  /** The answer as it streams (placeholders already restored). */
  onToken?: (text: string) => void;
  /** The exact prompt sent and the raw answer received (for the journal's digests). */
  onExchange?: (x: { system: string; user: string; output: string }) => void;
  /** Redaction config, or false for none. Default: on for remote models, off for local ones. */
  redaction?: RedactionConfig | false;
  /** The runbook catalogue (defaults to RUNBOOK_IDS). */
  runbooks?: readonly string[];
  limits?: OutputLimits;
  now?: () => number;
}

function restoreAnswer(a: ModelAnswer, r: Redactor): ModelAnswer {
  return {
    summary: r.restore(a.summary),
    hypotheses: a.hypotheses.map((h) => ({
      ...h,
      title: r.restore(h.title),
      entities: h.entities.map((e) => r.restore(e)),
      claims: h.claims.map((c) => ({ text: r.restore(c.text), evidence: c.evidence })),
    })),
  };
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err)).slice(0, 1024);

export async function reviewAnalysis(result: AnalysisResult, client: ModelClient, opts: ReviewOptions = {}): Promise<AnalysisResult> {
  const now = opts.now ?? Date.now;
  const startedAt = now();
  const t0 = performance.now();
  const runbooks = opts.runbooks ?? RUNBOOK_IDS;
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const redaction = opts.redaction ?? (client.kind === 'remote' ? DEFAULT_REDACTION : false);
  const redactor = redaction === false ? null : createRedactor(redaction);
  let redacted: Record<string, number> = {};
  let bytes = 0;

  const review = (fields: Pick<ModelReview, 'summary' | 'dropped'> & { error?: string }): ModelReview => ({
    model: client.label.slice(0, 512),
    startedAt,
    durationMs: Math.round(performance.now() - t0),
    summary: fields.summary.slice(0, 4096),
    dropped: fields.dropped,
    egress: client.egressHost === null ? null : { host: client.egressHost.slice(0, 512), bytes, redacted },
    ...(fields.error !== undefined ? { error: fields.error } : {}),
  });

  const budgetTokens = opts.budgetTokens ?? (client.kind === 'local' ? DEFAULT_LOCAL_BUDGET : DEFAULT_REMOTE_BUDGET);
  try {
    const prompt = await buildPrompt(result, {
      budgetTokens,
      countTokens: (t) => client.countTokens(t),
      runbooks,
      redactor,
    });
    if (redactor) redacted = redactor.countsIn(prompt.system + prompt.user);
    const schema = outputJsonSchema({ hypothesisIds: prompt.hypothesisIds, evidenceIds: prompt.evidenceIds, runbooks }, limits);
    const restoreStream = redactor && opts.onToken ? streamRestorer(redactor, opts.onToken) : null;
    let gen;
    try {
      gen = await client.generate({
        system: prompt.system,
        user: prompt.user,
        schema,
        maxTokens: Math.min(maxOutputTokens(limits), MAX_ANSWER_TOKENS),
        ...(opts.signal ? { signal: opts.signal } : {}),
        ...(restoreStream ? { onToken: restoreStream.push } : opts.onToken ? { onToken: opts.onToken } : {}),
      });
    } finally {
      restoreStream?.flush();
    }
    bytes = gen.bytesSent;
    opts.onExchange?.({ system: prompt.system, user: prompt.user, output: gen.text });
    const parsed = parseAnswer(gen.text);
    if (!parsed.ok) throw new ModelError('invalid_output', parsed.message);
    const answer = redactor ? restoreAnswer(parsed.answer, redactor) : parsed.answer;
    const grounded = ground({ result, answer, evidenceIds: prompt.evidenceIds, runbooks });
    const omitted = prompt.omittedEvidenceIds;
    const note =
      omitted.length > 0
        ? `\n(${omitted.length} lowest-strength evidence item${omitted.length === 1 ? ' was' : 's were'} left out of the prompt to fit the ${budgetTokens}-token budget: ${omitted.slice(0, 10).join(', ')}${omitted.length > 10 ? ', …' : ''})`
        : '';
    const summary = answer.summary.trim().slice(0, 4096 - note.length) + note;
    return { ...result, hypotheses: grounded.hypotheses, review: review({ summary, dropped: grounded.dropped }) };
  } catch (err) {
    if (err instanceof ModelError) bytes = Math.max(bytes, err.bytesSent);
    return { ...result, review: review({ summary: '', dropped: [], error: message(err) }) };
  }
}
