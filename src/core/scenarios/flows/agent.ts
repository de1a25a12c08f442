/**
 * One chat request to the agent: intent routing on the self-hosted model, a JSON plan from the
 * hosted model, tool calls, an answer; the root server span and its log. Faults act through the
 * knobs: prompt version, invalid output, token inflation, extra steps, tool choice and outcomes,
 * injected instructions, provider errors.
 */
import { type Flow, type FlowCtx, placement, podOf, spanId, traceId, user } from './common';
import { hostedCall } from './hosted';
import { selfHostedCall } from './inference';
import { toolCall } from './tools';

const QUESTIONS = [
  'Where is my order? It was supposed to arrive yesterday.',
  'I was charged twice for my last order, can you refund one?',
  'How do I change the shipping address on my order?',
  'My discount code does not work at checkout.',
  'Can I return a product after 30 days?',
  'Please cancel my subscription renewal.',
];
const INVALID = [
  'Sure! Let me check that order for you. First, I will look up the status of your order...',
  "I'd be happy to help! Let's think step by step. The customer is asking about their order",
  '**Order status**\n\nThanks for reaching out! To look into this, I called get_order_status with',
];
const VALID = '{"reply":"Your order shipped and should arrive in two days.","tool_calls":[],"handoff":false}';

function chooseTool(ctx: FlowCtx, t: number): string {
  const weights = ctx.knobs.toolWeights?.(t) ?? null;
  const { everyday, tools } = ctx.world.agent;
  if (weights === null) {
    if (ctx.rng.chance(0.015)) return ctx.rng.pick(tools.filter((x) => !everyday.includes(x)));
    return ctx.rng.pick(everyday);
  }
  const entries = Object.entries(weights).filter(([, w]) => w > 0);
  const total = entries.reduce((s, [, w]) => s + w, 0);
  let x = ctx.rng.next() * total;
  for (const [tool, w] of entries) {
    x -= w;
    if (x <= 0) return tool;
  }
  return entries[entries.length - 1]?.[0] ?? ctx.rng.pick(everyday);
}

export const agentFlow: Flow = (ctx, ts) => {
  const { world, knobs, rng, emit } = ctx;
  const a = world.agent;
  const trace = traceId(ctx);
  const root = spanId(ctx);
  const userId = user(ctx);
  const pod = podOf(ctx, a, ts);
  const version = knobs.promptVersion?.(ts) ?? a.promptVersion;
  const injection = knobs.injection?.(ts, rng) ?? null;
  const question = injection?.via === 'user' ? injection.text : rng.pick(QUESTIONS);
  const inMul = knobs.inputTokenMul?.('agent', ts) ?? 1;
  const outMul = knobs.outputTokenMul?.('agent', ts) ?? 1;
  let cursor = ts + rng.int(2, 8);

  const route = selfHostedCall(ctx, {
    ts: cursor, traceId: trace, parent: root, app: 'agent', service: a.name, step: 'route', userId,
    inputTokens: Math.max(80, Math.round(rng.normal(310, 40))), outputTokens: rng.int(4, 12),
  });
  cursor = route.end;
  if (!route.ok) {
    emit.log({ service: a.name, ts: cursor, severity: 'warn', traceId: trace, spanId: root, body: `intent routing failed (${route.errorType ?? 'error'}), falling back to the default route trace_id=${trace}` });
  }

  let failure: { status: number; message: string } | null = null;
  let context = Math.max(300, Math.round(rng.normal(1_450, 220) * inMul));
  const llm = (step: string, structured: boolean, extra: { inputPreview?: string; finishReason?: string } = {}) => {
    const valid = structured ? !rng.chance(knobs.invalidJsonRate?.(cursor) ?? 0.015) : undefined;
    let outputTokens = Math.max(12, Math.round(rng.normal(170, 55) * outMul));
    let finish = extra.finishReason ?? 'stop';
    if (valid === false && rng.chance(0.35)) {
      outputTokens = 1024;
      finish = 'length';
    }
    const res = hostedCall(ctx, {
      ts: cursor, traceId: trace, parent: root, service: a.name, target: a.llm, operation: 'chat', step, userId, agentName: a.agentName, promptVersion: version,
      inputTokens: context, outputTokens, finishReason: finish,
      ...(valid !== undefined ? { outputValid: valid } : {}),
      ...(extra.inputPreview !== undefined ? { inputPreview: extra.inputPreview } : rng.chance(0.2) ? { inputPreview: question } : {}),
      ...(valid === false ? { outputPreview: rng.pick(INVALID) } : rng.chance(0.15) ? { outputPreview: VALID } : {}),
    });
    cursor = res.end;
    context += outputTokens + rng.int(150, 400);
    if (res.ok && valid === false) {
      emit.log({
        service: a.name, ts: cursor, severity: 'error', traceId: trace, spanId: res.spanId,
        body: `failed to parse model output as JSON: Unexpected token, "${rng.pick(INVALID).slice(0, 14)}"... is not valid JSON prompt_version=${version} finish_reason=${finish} trace_id=${trace}`,
      });
    }
    return { ok: res.ok, valid: valid !== false, errorType: res.errorType };
  };

  const steer = (at: number) =>
    toolCall(ctx, {
      ts: at, traceId: trace, parent: root, tool: injection?.steerTool ?? 'http_get', ...(injection ? { args: injection.steerArgs } : {}),
      ...(injection?.blocked ? { force: { outcome: 'denied' as const, message: `${injection.steerTool} denied by policy: destination not in allowlist` } } : {}),
    });

  let plan = llm('plan', true, injection?.via === 'user' ? { inputPreview: question } : {});
  if (plan.ok && !plan.valid && rng.chance(0.5)) plan = llm('plan_retry', true);
  if (!plan.ok) failure = { status: 503, message: `LLM provider error: ${plan.errorType ?? 'unknown'}` };
  else if (!plan.valid) failure = { status: 502, message: 'model output failed ResponseEnvelope validation' };

  if (failure === null) {
    const steps = (rng.chance(0.8) ? 1 : 0) + (knobs.agentExtraSteps?.(ts, rng) ?? 0);
    let steered = false;
    for (let i = 0; i < steps && failure === null; i++) {
      const tool = injection?.via === 'tool' && i === 0 ? 'search_kb' : chooseTool(ctx, cursor);
      const t = toolCall(ctx, { ts: cursor + 2, traceId: trace, parent: root, tool, ...(injection?.via === 'tool' && i === 0 ? { result: injection.text } : {}) });
      cursor = t.end;
      if (i < steps - 1) {
        const obs = llm('observe', true);
        if (!obs.ok) failure = { status: 503, message: `LLM provider error: ${obs.errorType ?? 'unknown'}` };
      }
      if (injection && !steered) {
        steered = true;
        const s = steer(cursor + 2);
        cursor = s.end;
        if (s.outcome === 'denied') {
          emit.log({
            service: a.name, ts: cursor, severity: 'warn', traceId: trace, spanId: root, attrs: { 'guardrail.rule': 'tool_destination_allowlist', 'user.id': userId },
            body: `guardrail blocked tool call ${injection.steerTool}: destination not in allowlist (suspected prompt injection) trace_id=${trace}`,
          });
        }
      }
    }
    if (injection && !steered) cursor = steer(cursor + 2).end;
    if (failure === null) {
      const answer = llm('answer', true, injection && rng.chance(0.3) ? { finishReason: 'content_filter' } : {});
      if (!answer.ok) failure = { status: 503, message: `LLM provider error: ${answer.errorType ?? 'unknown'}` };
      else if (!answer.valid) failure = { status: 502, message: 'model output failed ResponseEnvelope validation' };
    }
  }

  const end = cursor + 3;
  const status = failure?.status ?? 200;
  emit.span({
    service: a.name, traceId: trace, spanId: root, name: 'POST /v1/chat', kind: 'server', start: ts, durMs: end - ts, error: failure !== null,
    statusMessage: failure?.message, attrs: { 'http.request.method': 'POST', 'http.route': '/v1/chat', 'http.response.status_code': status, 'user.id': userId, ...placement(pod) },
  });
  emit.log({
    service: a.name, ts: end, severity: failure ? 'error' : 'info', traceId: trace, spanId: root,
    body: `${failure ? `chat request failed: ${failure.message}` : 'chat request completed'} status=${status} duration_ms=${end - ts} prompt_version=${version} trace_id=${trace}`,
  });
};
