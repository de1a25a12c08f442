/** A call to a hosted model provider (OpenAI, Anthropic, Cohere…) as the GenAI SDK instrumentation records it. */
import type { HostedModel } from '../world';
import { type FlowCtx, latency, spanId } from './common';

export interface HostedRequest {
  ts: number;
  traceId: string;
  parent: string;
  service: string;
  target: HostedModel;
  operation: 'chat' | 'embeddings';
  inputTokens: number;
  outputTokens: number;
  step: string;
  userId: string;
  promptVersion?: string;
  /** Whether a structured (JSON) answer is expected, and whether it parsed. */
  outputValid?: boolean;
  finishReason?: string;
  inputPreview?: string;
  outputPreview?: string;
  agentName?: string;
}

export interface HostedResult {
  end: number;
  ok: boolean;
  spanId: string;
  errorType?: string;
}

/** Emits one provider call (and, when it fails, the SDK's retry); returns when it ended and whether it succeeded. */
export function hostedCall(ctx: FlowCtx, r: HostedRequest): HostedResult {
  const { knobs, rng, emit } = ctx;
  let ts = r.ts;
  for (let attempt = 0; attempt < 2; attempt++) {
    const id = spanId(ctx);
    const fault = knobs.provider?.(r.target.provider, r.target.model, ts, rng) ?? null;
    const background = fault === null && rng.chance(0.003);
    const base = {
      'gen_ai.operation.name': r.operation,
      'gen_ai.provider.name': r.target.provider,
      'gen_ai.request.model': r.target.model,
      'server.address': r.target.host,
      'server.port': 443,
      'agent.step': r.step,
      'user.id': r.userId,
      ...(r.agentName !== undefined ? { 'gen_ai.agent.name': r.agentName } : {}),
      ...(r.promptVersion !== undefined ? { 'gen_ai.prompt.version': r.promptVersion } : {}),
      ...(r.inputPreview !== undefined ? { 'gen_ai.input.messages': r.inputPreview } : {}),
    };
    if (fault !== null || background) {
      const f = fault ?? { httpStatus: 429, errorType: 'RateLimitError', message: 'Rate limit reached for requests', latencyMs: latency(ctx, 300) };
      emit.span({
        service: r.service, traceId: r.traceId, spanId: id, parentSpanId: r.parent, name: `${r.operation} ${r.target.model}`, kind: 'client',
        start: ts, durMs: f.latencyMs, error: true, statusMessage: `Error code: ${f.httpStatus} - ${f.message}`,
        attrs: { ...base, 'error.type': f.errorType, 'http.response.status_code': f.httpStatus, 'gen_ai.usage.input_tokens': 0, 'gen_ai.usage.output_tokens': 0 },
      });
      ts += f.latencyMs + Math.round(rng.range(400, 1_200)); // SDK backoff before the retry
      if (attempt === 1) return { end: ts, ok: false, spanId: id, errorType: f.errorType };
      continue;
    }
    const ttft = latency(ctx, r.operation === 'embeddings' ? 60 : 420, 0.3);
    const dur = r.operation === 'embeddings' ? ttft : Math.round(ttft + r.outputTokens * rng.range(9, 14));
    const attrs: Record<string, unknown> = {
      ...base,
      'gen_ai.response.model': r.target.model,
      'gen_ai.usage.input_tokens': r.inputTokens,
      'gen_ai.usage.output_tokens': r.outputTokens,
      'gen_ai.response.id': `resp_${rng.hex(24)}`,
    };
    if (r.operation === 'chat') {
      attrs['gen_ai.response.finish_reasons'] = [r.finishReason ?? 'stop'];
      attrs['gen_ai.server.time_to_first_token'] = ttft / 1000;
      attrs['gen_ai.request.max_tokens'] = 1024;
    }
    if (r.outputValid !== undefined) attrs['sitrep.output_valid'] = r.outputValid;
    if (r.outputPreview !== undefined) attrs['gen_ai.output.messages'] = r.outputPreview;
    emit.span({ service: r.service, traceId: r.traceId, spanId: id, parentSpanId: r.parent, name: `${r.operation} ${r.target.model}`, kind: 'client', start: ts, durMs: dur, attrs });
    return { end: ts + dur + 1, ok: true, spanId: id };
  }
  return { end: ts, ok: false, spanId: '' };
}
