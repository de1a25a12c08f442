/** Name pools and generated names that look like the ones real clusters and SDKs produce. */
import type { Rng } from '../demo/prng';

/** The alphabet Kubernetes uses for generated name suffixes (no vowels, no 0/1/3). */
const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

export function safeSuffix(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += SAFE[rng.int(0, SAFE.length - 1)] ?? 'x';
  return s;
}

/** A Deployment's ReplicaSet hash (`6d9f7c5b8`-like): 9 or 10 safe characters. */
export const replicaSetHash = (rng: Rng): string => safeSuffix(rng, rng.int(9, 10));

/** A Deployment pod name: `<deployment>-<rs hash>-<5 chars>`. */
export const podName = (workload: string, rsHash: string, rng: Rng): string => `${workload}-${rsHash}-${safeSuffix(rng, 5)}`;

/** A Job pod name: `<job>-<5 chars>`. */
export const jobPodName = (job: string, rng: Rng): string => `${job}-${safeSuffix(rng, 5)}`;

export function gpuUuid(rng: Rng): string {
  const h = rng.hex(32);
  return `GPU-${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** Node names in one of the styles clouds give them. */
export function nodeNames(rng: Rng, pool: 'gpu' | 'cpu', count: number): string[] {
  const style = rng.int(0, 3);
  const pick = rng.hex(8);
  return Array.from({ length: count }, (_, i) => {
    switch (style) {
      case 0:
        return `${pool}-node-${i + 1}`;
      case 1:
        return `ip-10-${pool === 'gpu' ? 42 : 40}-${rng.int(0, 255)}-${rng.int(1, 254)}.ec2.internal`;
      case 2:
        return `aks-${pool}pool-${pick}-vmss00000${i}`;
      default:
        return `gke-prod-${pool === 'gpu' ? 'a100' : 'e2std'}-pool-${pick}-${safeSuffix(rng, 4)}`;
    }
  });
}

export const AGENTS = ['support-agent', 'concierge-agent', 'helpdesk-agent', 'claims-assistant'] as const;
export const RAG_APPS = ['doc-qa', 'kb-answers', 'search-qa', 'policy-assistant'] as const;
/** Tools a customer-facing agent normally uses. */
export const EVERYDAY_TOOLS = ['get_order_status', 'search_kb', 'create_ticket', 'lookup_customer', 'update_address', 'refund_order'] as const;
/** Tools with side effects outside the system, rarely used and guarded by policy. */
export const RISKY_TOOLS = ['send_email', 'http_get'] as const;

export const HOSTED = [
  { provider: 'openai', models: ['gpt-4o', 'gpt-4o-mini', 'gpt-4.1-mini'], host: 'api.openai.com' },
  { provider: 'anthropic', models: ['claude-3-5-sonnet-20241022', 'claude-3-5-haiku-20241022'], host: 'api.anthropic.com' },
] as const;

export const SELF_HOSTED = [
  { model: 'llama-3.1-70b-instruct', workload: 'vllm-llama70b' },
  { model: 'qwen2.5-72b-instruct', workload: 'vllm-qwen72b' },
  { model: 'mixtral-8x22b-instruct', workload: 'vllm-mixtral' },
] as const;
export const GATEWAYS = ['vllm-gateway', 'inference-gateway', 'llm-router'] as const;
export const GPU_MODELS = ['NVIDIA A100-SXM4-80GB', 'NVIDIA H100 80GB HBM3'] as const;

export const FRONTENDS = ['checkout-web', 'storefront', 'web-bff'] as const;
export const ORDERS = ['orders-api', 'order-service'] as const;
export const PAYMENTS = ['payments-api', 'payment-gateway'] as const;
export const SEARCH = ['search-svc', 'catalog-search'] as const;
export const BILLING = ['billing-worker', 'invoicing-svc', 'ledger-svc'] as const;
export const DATABASES = ['orders-db', 'pg-orders', 'orders-postgres'] as const;
export const UPSTREAMS = [
  { peer: 'adyen', host: 'checkout-live.adyen.com', route: 'POST /v71/payments' },
  { peer: 'stripe', host: 'api.stripe.com', route: 'POST /v1/payment_intents' },
  { peer: 'braintree', host: 'payments.braintree-api.com', route: 'POST /graphql' },
] as const;
export const AUTHORS = ['maria.chen', 'dev.patel', 'sam.okafor', 'j.alvarez', 'li.wei', 'a.kowalski', 'n.haddad', 'r.silva'] as const;
