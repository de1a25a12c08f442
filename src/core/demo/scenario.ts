/**
 * The demo incident's script: who, where and when. Every time is relative to the anchor T0
 * (the prompt release). The curves say how far the incident has progressed at a given time.
 */
export const DEFAULT_ANCHOR = Date.UTC(2026, 2, 14, 2, 47, 0); // 2026-03-14T02:47:00Z, a 3 AM page
export const DEFAULT_SEED = 1;
export const DEFAULT_EVENTS = 50_000;
export const MIN = 60_000;

export const WINDOW_BEFORE = 45 * MIN;
export const WINDOW_AFTER = 40 * MIN;
export const SAMPLE_MS = 15_000;

/** Milestones, in ms after T0. */
export const AT = {
  paymentsDeploy: -6 * MIN,
  promptRelease: 0,
  onset: 3 * MIN,
  invalidJsonAlert: 8 * MIN,
  queueAlert: 11 * MIN + 30_000,
  rollback: 24 * MIN,
  invalidJsonResolved: 27 * MIN,
  recovered: 30 * MIN,
  queueResolved: 29 * MIN,
} as const;

export const MODEL = 'llama-3.1-70b-instruct';
export const AGENT = 'support-agent';
export const PROMPT_TARGET = 'support-agent/system-prompt';
export const SERVICES = ['support-agent', 'checkout-web', 'payments-api', 'search-svc', 'vllm-gateway'] as const;
export const TOOLS = ['get_order_status', 'search_kb', 'create_ticket', 'refund_order'] as const;
export type Tool = (typeof TOOLS)[number];

export const GPU_NODES = ['gpu-node-1', 'gpu-node-2'] as const;
export const GPUS_PER_NODE = 4;
/** One vLLM replica per node, tensor-parallel over the node's 4 GPUs. */
export const VLLM_PODS = ['vllm-llama70b-6d9f7c5b8-k2x7q', 'vllm-llama70b-6d9f7c5b8-p9m4w'] as const;
export const INFRA_PODS = [
  { pod: 'support-agent-7c9d8f6b5-h4j2k', container: 'support-agent', namespace: 'ai-support', memBase: 1.1e9 },
  { pod: 'support-agent-7c9d8f6b5-r8t6v', container: 'support-agent', namespace: 'ai-support', memBase: 1.05e9 },
  { pod: 'payments-api-5b7f9c4d6-x2w9n', container: 'payments-api', namespace: 'payments', memBase: 6.4e8 },
  { pod: 'vllm-llama70b-6d9f7c5b8-k2x7q', container: 'vllm', namespace: 'inference', memBase: 2.2e10 },
  { pod: 'vllm-llama70b-6d9f7c5b8-p9m4w', container: 'vllm', namespace: 'inference', memBase: 2.2e10 },
  { pod: 'search-svc-6f8b7d9c4-q5z3m', container: 'search-svc', namespace: 'search', memBase: 8.1e8 },
] as const;

const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);
const smooth = (x: number): number => {
  const c = clamp01(x);
  return c * c * (3 - 2 * c);
};

/** How bad the prompt regression is (0..1) for requests served at `rel` ms after T0. */
export function promptImpact(rel: number): number {
  if (rel < AT.onset) return 0;
  if (rel < AT.rollback) return smooth((rel - AT.onset) / (5 * MIN));
  // After the rollback new requests use v41 again; a short tail of in-flight sessions.
  return 1 - smooth((rel - AT.rollback) / (2 * MIN));
}

/** Load on the vLLM pool (0..1): follows the longer outputs, drains slower than the prompt fix. */
export function loadImpact(rel: number): number {
  if (rel < AT.onset) return 0;
  if (rel < AT.rollback) return smooth((rel - AT.onset - MIN) / (7 * MIN));
  return 1 - smooth((rel - AT.rollback) / (AT.recovered - AT.rollback));
}

/** Which system-prompt version a request at `rel` uses. */
export function promptVersion(rel: number): 'v41' | 'v42' {
  return rel >= AT.promptRelease && rel < AT.rollback ? 'v42' : 'v41';
}

/** Invalid structured-output rate for support-agent LLM calls at `rel`: ~2% baseline, ~18% at the peak. */
export function invalidJsonRate(rel: number): number {
  return 0.02 + 0.16 * promptImpact(rel);
}

/** get_order_status invalid_args rate: ~1% baseline, ~30% at the peak (v42 reworded the order_id schema). */
export function toolArgErrorRate(rel: number): number {
  return 0.01 + 0.29 * promptImpact(rel);
}

export const PROMPT_DIFF = `--- a/prompts/support-agent/system.v41.txt
+++ b/prompts/support-agent/system.v42.txt
@@ -12,9 +12,8 @@
 You are Acme's customer support assistant. Be concise and friendly.
-Always answer with a single JSON object matching the ResponseEnvelope schema:
-{"reply": string, "tool_calls": [{"name": string, "arguments": object}], "handoff": boolean}
-Do not write anything before or after the JSON object.
+Answer the customer in a warm, conversational tone. When you need data, call a tool.
+Explain your reasoning step by step before giving the final answer.
 
 Tools:
-- get_order_status(order_id): order_id is the full order reference, e.g. "ORD-00421337".
+- get_order_status(order_id): the customer's order number.
 - search_kb(query): search the help-center articles.
`;
