/**
 * A scripted reviewer for the loopback OpenAI server (tests and end-to-end journeys): it reads
 * the hypothesis and evidence ids the request offers (the schema in `response_format`, else the
 * prompt), keeps the first hypothesis with one claim citing real evidence, and adds one claim
 * citing an id that is not in the bundle, which grounding must drop. The answer streams in
 * small pieces, optionally paced so a user interface can be seen streaming it.
 */
import type { ChatRequest, Generator } from './openai-server';

export const UNKNOWN_EVIDENCE_ID = 'ev-999';
export const GROUNDED_CLAIM = 'The first signal degraded right after this change';
export const DROPPED_CLAIM = 'A database failover caused it';

const enumAt = (schema: unknown, path: string[]): string[] => {
  let node: unknown = schema;
  for (const key of path) node = (node as Record<string, unknown> | undefined)?.[key];
  const values = (node as { enum?: unknown } | undefined)?.enum;
  return Array.isArray(values) ? values.filter((v): v is string => typeof v === 'string') : [];
};

function offered(req: ChatRequest): { hypothesisId: string; evidenceId: string } {
  const schema = req.response_format?.json_schema?.schema;
  const item = ['properties', 'hypotheses', 'items', 'properties'];
  const hyps = enumAt(schema, [...item, 'id']).filter((id) => id !== 'new');
  const evs = enumAt(schema, [...item, 'claims', 'items', 'properties', 'evidence', 'items']);
  const prompt = req.messages.map((m) => m.content).join('\n');
  const hypothesisId = hyps[0] ?? /"id":\s*"(h-[^"]+)"/.exec(prompt)?.[1] ?? 'h-1';
  const evidenceId = evs[0] ?? /"id":\s*"(ev-[^"]+)"/.exec(prompt)?.[1] ?? 'ev-1';
  return { hypothesisId, evidenceId };
}

export function scriptedReview(opts: { pieceChars?: number; delayMs?: number; summary?: string } = {}): Generator {
  const pieceChars = opts.pieceChars ?? 12;
  return async (req, emit, signal) => {
    const { hypothesisId, evidenceId } = offered(req);
    const text = JSON.stringify({
      summary: opts.summary ?? 'The change shortly before onset is the most likely cause; one unsupported idea was left out.',
      hypotheses: [
        {
          id: hypothesisId,
          title: 'kept',
          category: 'model',
          entities: [],
          confidence: 0.9,
          claims: [
            { text: GROUNDED_CLAIM, evidence: [evidenceId] },
            { text: DROPPED_CLAIM, evidence: [UNKNOWN_EVIDENCE_ID] },
          ],
          runbook: null,
        },
      ],
    });
    for (let i = 0; i < text.length; i += pieceChars) {
      if (signal.aborted) break;
      emit(text.slice(i, i + pieceChars));
      if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
    }
    return text;
  };
}
