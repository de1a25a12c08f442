/** One support-agent chat request: root span → LLM call(s) (+ vLLM gateway spans) → tool call(s), with logs. */
import type { AgentAction, EventInput, LlmCall } from '../../shared/events';
import type { Rng } from './prng';
import { AGENT, MODEL, type Tool, invalidJsonRate, loadImpact, promptImpact, promptVersion, toolArgErrorRate } from './scenario';

export interface GenContext {
  rng: Rng;
  t0: number;
  emit(e: EventInput): void;
  /** Next sequence number for log external ids. */
  seq(): number;
}

const QUESTIONS = [
  'Where is my order? It was supposed to arrive yesterday.',
  'I was charged twice for order ORD-00418822, can you refund one?',
  'How do I change the shipping address on my order?',
  'My discount code SPRING10 does not work at checkout.',
  'Can I return a product after 30 days?',
];
const INVALID_OUTPUTS = [
  { token: "'S'", preview: 'Sure! Let me check that order for you. First, I will look up the status of your order...' },
  { token: "'I'", preview: "I'd be happy to help! Let's think step by step. The customer is asking about their order" },
  { token: "'*'", preview: '**Order status**\n\nThanks for reaching out! To look into this, I called get_order_status with' },
];
const TOOL_WEIGHTS: readonly Tool[] = ['get_order_status', 'get_order_status', 'get_order_status', 'search_kb', 'search_kb', 'create_ticket', 'refund_order'];

const cost = (inTok: number, outTok: number): number => Math.round((inTok * 0.35 + outTok * 0.4) * 100) / 1e8;

interface CallResult {
  end: number;
  valid: boolean;
  count: number;
}

function llmCall(ctx: GenContext, ts: number, traceId: string, parent: string, step: string): CallResult {
  const { rng } = ctx;
  const rel = ts - ctx.t0;
  const load = loadImpact(rel);
  const impact = promptImpact(rel);
  const version = promptVersion(rel);
  const spanId = rng.hex(16);
  const valid = !rng.chance(invalidJsonRate(rel));
  const inputTokens = Math.max(200, Math.round(rng.normal(version === 'v42' ? 1_330 : 1_450, 220)));
  let outputTokens = Math.max(12, Math.round(rng.normal(170, 55) * (1 + 1.1 * impact)));
  let finishReason = 'stop';
  if (!valid && rng.chance(0.35)) {
    outputTokens = 512;
    finishReason = 'length';
  }
  const timeout = rng.chance(0.002 + 0.015 * load);
  const ttftMs = Math.round(Math.max(40, rng.normal(190, 35) + load * rng.range(1_400, 3_600)));
  const latencyMs = timeout ? 30_000 : Math.round(ttftMs + outputTokens * (27 + 14 * load) * rng.range(0.9, 1.1));
  const bad = INVALID_OUTPUTS[rng.int(0, INVALID_OUTPUTS.length - 1)] ?? INVALID_OUTPUTS[0];
  const call: LlmCall = {
    kind: 'llm_call',
    externalId: spanId,
    ts,
    durMs: latencyMs,
    service: AGENT,
    traceId,
    spanId,
    parentSpanId: parent,
    provider: 'vllm',
    model: MODEL,
    operation: 'chat',
    promptVersion: version,
    inputTokens,
    outputTokens: timeout ? 0 : outputTokens,
    costUsd: cost(inputTokens, timeout ? 0 : outputTokens),
    latencyMs,
    ttftMs: timeout ? undefined : ttftMs,
    status: timeout ? 'error' : 'ok',
    finishReason: timeout ? 'abort' : finishReason,
    errorType: timeout ? 'timeout' : undefined,
    outputValid: timeout ? undefined : valid,
    attrs: { 'agent.step': step, 'gen_ai.request.max_tokens': 512, 'server.address': 'vllm-gateway.inference.svc' },
  };
  if (!valid && !timeout) call.outputPreview = bad?.preview;
  else if (rng.chance(0.2)) call.outputPreview = '{"reply":"Your order shipped on March 12 and should arrive tomorrow.","tool_calls":[],"handoff":false}';
  if (step === 'plan' && rng.chance(0.2)) call.inputPreview = rng.pick(QUESTIONS);
  ctx.emit(call);
  ctx.emit({
    kind: 'span',
    externalId: rng.hex(16),
    ts: ts + 1,
    durMs: Math.max(1, latencyMs - 2),
    service: 'vllm-gateway',
    traceId,
    spanId: rng.hex(16),
    parentSpanId: spanId,
    name: 'POST /v1/chat/completions',
    spanKind: 'server',
    status: timeout ? 'error' : 'ok',
    statusMessage: timeout ? 'upstream request timeout after 30s' : undefined,
    attrs: { 'http.response.status_code': timeout ? 504 : 200, 'gen_ai.request.model': MODEL },
  });
  let count = 2;
  const end = ts + latencyMs;
  if (load > 0.3 && rng.chance(0.15 * load)) {
    ctx.emit({
      kind: 'log',
      externalId: `demo-log-${ctx.seq()}`,
      ts: ts + 2,
      service: 'vllm-gateway',
      traceId,
      severity: 'warn',
      body: `request queued: num_requests_waiting=${Math.round(20 + 25 * load)} gpu_cache_usage=${(0.9 + 0.09 * load).toFixed(2)} model=${MODEL} trace_id=${traceId}`,
    });
    count++;
  }
  if (!valid && !timeout) {
    ctx.emit({
      kind: 'log',
      externalId: `demo-log-${ctx.seq()}`,
      ts: end + 1,
      service: AGENT,
      traceId,
      spanId,
      severity: 'error',
      body: `failed to parse model output as JSON: Unexpected token ${bad?.token ?? "'S'"}, "${(bad?.preview ?? '').slice(0, 12)}"... is not valid JSON prompt_version=${version} finish_reason=${finishReason} trace_id=${traceId}`,
    });
    count++;
  }
  return { end: end + 1, valid: valid && !timeout, count };
}

function toolCall(ctx: GenContext, ts: number, traceId: string, parent: string, tool: Tool): { end: number; ok: boolean; count: number } {
  const { rng } = ctx;
  const rel = ts - ctx.t0;
  const spanId = rng.hex(16);
  const durMs = Math.round(tool === 'search_kb' ? rng.range(40, 180) : rng.range(15, 120));
  let outcome: AgentAction['outcome'] = 'ok';
  let error: string | undefined;
  if (tool === 'get_order_status' && rng.chance(toolArgErrorRate(rel))) {
    outcome = 'invalid_args';
    error = `order_id must match ^ORD-[0-9]{8}$ (got "${rng.int(10_000_000, 99_999_999)}")`;
  } else if (tool === 'refund_order' && rng.chance(0.06)) {
    outcome = 'denied';
    error = 'refund exceeds the agent limit of 200.00 USD; handoff required';
  } else if (rng.chance(0.004)) {
    outcome = 'timeout';
    error = `${tool} did not answer within 5s`;
  }
  ctx.emit({
    kind: 'agent_action',
    externalId: spanId,
    ts,
    durMs,
    service: AGENT,
    traceId,
    spanId,
    parentSpanId: parent,
    agent: AGENT,
    tool,
    argsDigest: `sha256:${rng.hex(12)}`,
    outcome,
    error,
  });
  let count = 1;
  if (tool === 'search_kb') {
    ctx.emit({
      kind: 'span',
      externalId: rng.hex(16),
      ts: ts + 2,
      durMs: Math.max(1, durMs - 4),
      service: 'search-svc',
      traceId,
      spanId: rng.hex(16),
      parentSpanId: spanId,
      name: 'GET /v1/search',
      spanKind: 'server',
      status: 'ok',
      attrs: { 'http.response.status_code': 200, index: 'help-center' },
    });
    count++;
  }
  if (outcome !== 'ok') {
    ctx.emit({
      kind: 'log',
      externalId: `demo-log-${ctx.seq()}`,
      ts: ts + durMs,
      service: AGENT,
      traceId,
      spanId,
      severity: outcome === 'denied' ? 'info' : 'warn',
      body: `tool ${tool} ${outcome === 'invalid_args' ? 'rejected arguments' : outcome}: ${error ?? ''} trace_id=${traceId}`,
    });
    count++;
  }
  return { end: ts + durMs + 1, ok: outcome === 'ok' || outcome === 'denied', count };
}

/** Emits one request's events; returns how many. */
export function supportAgentRequest(ctx: GenContext, ts: number): number {
  const { rng } = ctx;
  const traceId = rng.hex(32);
  const root = rng.hex(16);
  let count = 0;
  let cursor = ts + rng.int(2, 10);
  let failed: boolean;
  let plan = llmCall(ctx, cursor, traceId, root, 'plan');
  count += plan.count;
  cursor = plan.end;
  if (!plan.valid && rng.chance(0.5)) {
    plan = llmCall(ctx, cursor + 3, traceId, root, 'retry');
    count += plan.count;
    cursor = plan.end;
  }
  if (!plan.valid) failed = true;
  else {
    if (rng.chance(0.8)) {
      const tool = rng.pick(TOOL_WEIGHTS);
      const t = toolCall(ctx, cursor + 2, traceId, root, tool);
      count += t.count;
      cursor = t.end;
    }
    const answer = llmCall(ctx, cursor + 2, traceId, root, 'answer');
    count += answer.count;
    cursor = answer.end;
    failed = !answer.valid;
  }
  const durMs = cursor + 3 - ts;
  ctx.emit({
    kind: 'span',
    externalId: root,
    ts,
    durMs,
    service: AGENT,
    traceId,
    spanId: root,
    name: 'POST /v1/chat',
    spanKind: 'server',
    status: failed ? 'error' : 'ok',
    statusMessage: failed ? 'model output failed ResponseEnvelope validation' : undefined,
    attrs: { 'http.response.status_code': failed ? 502 : 200, 'http.route': '/v1/chat' },
  });
  ctx.emit({
    kind: 'log',
    externalId: `demo-log-${ctx.seq()}`,
    ts: ts + durMs,
    service: AGENT,
    traceId,
    spanId: root,
    severity: failed ? 'error' : 'info',
    body: `${failed ? 'chat request failed' : 'chat request completed'} status=${failed ? 502 : 200} duration_ms=${durMs} prompt_version=${promptVersion(ts - ctx.t0)} trace_id=${traceId}`,
  });
  return count + 2;
}
