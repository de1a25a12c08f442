/** One question to the retrieval-augmented app: embed (hosted), retrieve (search), generate (self-hosted vLLM). */
import { type Flow, placement, podOf, spanId, traceId, user } from './common';
import { hostedCall } from './hosted';
import { selfHostedCall } from './inference';
import { searchCall } from './web';

export const ragFlow: Flow = (ctx, ts) => {
  const { world, knobs, rng, emit } = ctx;
  const app = world.rag;
  const trace = traceId(ctx);
  const root = spanId(ctx);
  const userId = user(ctx);
  const pod = podOf(ctx, app, ts);
  const inMul = knobs.inputTokenMul?.('rag', ts) ?? 1;
  const outMul = knobs.outputTokenMul?.('rag', ts) ?? 1;
  const embed = hostedCall(ctx, {
    ts: ts + rng.int(1, 4), traceId: trace, parent: root, service: app.name, target: app.embed, operation: 'embeddings', step: 'embed', userId,
    inputTokens: rng.int(8, 60), outputTokens: 0,
  });
  let cursor = embed.end;
  let failure: string | null = embed.ok ? null : `embedding failed: ${embed.errorType ?? 'error'}`;
  if (failure === null) {
    const docs = searchCall(ctx, { ts: cursor + 1, traceId: trace, parent: root, caller: app.name }, 'documents');
    cursor = docs.end;
    const gen = selfHostedCall(ctx, {
      ts: cursor + 1, traceId: trace, parent: root, app: 'rag', service: app.name, step: 'generate', userId,
      inputTokens: Math.max(400, Math.round(rng.normal(2_600, 600) * inMul)), outputTokens: Math.max(20, Math.round(rng.normal(240, 80) * outMul)),
    });
    cursor = gen.end;
    if (!gen.ok) failure = `generation failed: ${gen.errorType ?? 'error'}`;
  }
  const end = cursor + 2;
  emit.span({
    service: app.name, traceId: trace, spanId: root, name: 'POST /v1/ask', kind: 'server', start: ts, durMs: end - ts, error: failure !== null, statusMessage: failure ?? undefined,
    attrs: { 'http.request.method': 'POST', 'http.route': '/v1/ask', 'http.response.status_code': failure ? 503 : 200, 'user.id': userId, ...placement(pod) },
  });
  if (failure !== null || rng.chance(0.3)) {
    emit.log({
      service: app.name, ts: end, severity: failure ? 'error' : 'info', traceId: trace, spanId: root,
      body: failure ? `ask failed: ${failure} trace_id=${trace}` : `answered question in ${end - ts}ms sources=${rng.int(2, 8)} trace_id=${trace}`,
    });
  }
};
