/**
 * A call to the self-hosted model: the app's LLM client span → the gateway → one vLLM replica on a
 * GPU node. Replica health (down, slow) and KV-cache pressure come from the knobs.
 */
import type { PodInfo } from '../world';
import { type FlowCtx, latency, placement, spanId } from './common';

export interface GenRequest {
  ts: number;
  traceId: string;
  parent: string;
  app: 'agent' | 'rag';
  service: string;
  inputTokens: number;
  outputTokens: number;
  step: string;
  userId: string;
  inputPreview?: string;
}

export interface GenResult {
  end: number;
  ok: boolean;
  errorType?: string;
}

const TIMEOUT_MS = 60_000;
const RESET = 'upstream connect error or disconnect/reset before headers. reset reason: connection failure';

function healthyPods(ctx: FlowCtx, t: number): PodInfo[] {
  return ctx.world.vllm.pods.filter((p) => ctx.knobs.vllmPod?.(p.name, t)?.down !== true);
}

export function selfHostedCall(ctx: FlowCtx, r: GenRequest): GenResult {
  const { world, knobs, rng, emit } = ctx;
  const model = world.vllm.model;
  const gw = rng.pick(world.vllm.gateway.pods);
  const llmSpan = spanId(ctx);
  const gwSpan = spanId(ctx);
  let pod = rng.pick(world.vllm.pods);
  let t = r.ts + rng.int(1, 4);
  const healthy = healthyPods(ctx, t);
  let refused = false;
  if (knobs.vllmPod?.(pod.name, t)?.down === true) {
    // The gateway's first attempt is refused; it retries another replica half of the time.
    emit.log({
      service: world.vllm.gateway.name, ts: t + 3, severity: 'warn', traceId: r.traceId, spanId: gwSpan,
      body: `upstream reset: ${RESET} upstream_host=${pod.name}.${world.vllm.namespace}:8000 cluster=${world.vllm.name} response_code=503`,
      attrs: { 'upstream.pod': pod.name, 'upstream.node': pod.node },
    });
    const next = healthy.length > 0 && rng.chance(0.5) ? rng.pick(healthy) : undefined;
    if (next) {
      pod = next;
      t += rng.int(5, 40);
    } else refused = true;
  }
  const capacity = healthy.length / world.vllm.pods.length;
  const overload = capacity > 0 ? Math.max(0, 1 / capacity - 1) : 3;
  const kv = knobs.kvPressure?.(t) ?? 0;
  const slow = knobs.vllmPod?.(pod.name, t)?.slow ?? 1;
  const queueMs = kv > 0.8 ? ((kv - 0.8) / 0.2) * rng.range(1_500, 12_000) : 0;
  const ttft = refused ? 0 : Math.round(latency(ctx, 170, 0.25) * slow * (1 + 1.5 * overload) + queueMs);
  const perToken = 21 * slow * (1 + 0.6 * overload + 0.8 * Math.max(0, kv - 0.7));
  let dur = refused ? rng.int(4, 30) : Math.round(ttft + r.outputTokens * perToken * rng.range(0.9, 1.1));
  let errorType: string | undefined;
  let status = 200;
  let message: string | undefined;
  if (refused) {
    errorType = 'InternalServerError';
    status = 503;
    message = `Error code: 503 - ${RESET}`;
  } else if (dur > TIMEOUT_MS || rng.chance(0.0015)) {
    errorType = 'APITimeoutError';
    status = 504;
    message = 'Request timed out.';
    dur = Math.min(dur, TIMEOUT_MS);
  }
  const ok = errorType === undefined;
  const preempted = ok && kv > 0.93 && rng.chance(0.35);
  emit.span({
    service: r.service, traceId: r.traceId, spanId: llmSpan, parentSpanId: r.parent, name: `chat ${model}`, kind: 'client', start: r.ts, durMs: dur + (t - r.ts),
    error: !ok, statusMessage: message,
    attrs: {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'vllm',
      'gen_ai.request.model': model,
      'gen_ai.response.model': model,
      'gen_ai.usage.input_tokens': r.inputTokens,
      'gen_ai.usage.output_tokens': ok ? r.outputTokens : 0,
      'gen_ai.request.max_tokens': 1024,
      ...(ok ? { 'gen_ai.response.finish_reasons': ['stop'], 'gen_ai.server.time_to_first_token': ttft / 1000 } : { 'error.type': errorType }),
      'server.address': `${world.vllm.gateway.name}.${world.vllm.namespace}.svc`,
      'agent.step': r.step,
      'user.id': r.userId,
      ...(r.inputPreview !== undefined ? { 'gen_ai.input.messages': r.inputPreview } : {}),
    },
  });
  emit.span({
    service: world.vllm.gateway.name, traceId: r.traceId, spanId: gwSpan, parentSpanId: llmSpan, name: 'POST /v1/chat/completions', kind: 'server',
    start: r.ts + 1, durMs: Math.max(1, dur + (t - r.ts) - 2), error: !ok, statusMessage: message,
    attrs: { 'http.request.method': 'POST', 'http.route': '/v1/chat/completions', 'http.response.status_code': status, ...placement(gw) },
  });
  if (!refused) {
    emit.span({
      service: world.vllm.name, traceId: r.traceId, spanId: spanId(ctx), parentSpanId: gwSpan, name: 'POST /v1/chat/completions', kind: 'server',
      start: t, durMs: Math.max(1, dur - 2), error: !ok, statusMessage: ok ? undefined : 'client disconnected',
      attrs: { 'http.request.method': 'POST', 'http.route': '/v1/chat/completions', 'http.response.status_code': ok ? 200 : 499, ...placement(pod) },
    });
  }
  if (preempted) {
    emit.log({
      service: world.vllm.name, ts: t + Math.round(dur / 2), severity: 'warn', attrs: { 'k8s.pod.name': pod.name },
      body: `Sequence group ${rng.hex(8)} is preempted by PreemptionMode.RECOMPUTE mode because there is not enough KV cache space. This can affect the end-to-end performance. Increase gpu_memory_utilization or tensor_parallel_size to provide more KV cache memory. total_num_cumulative_preemption=${rng.int(50, 4000)}`,
    });
  }
  return { end: r.ts + dur + (t - r.ts) + 1, ok, ...(errorType !== undefined ? { errorType } : {}) };
}
