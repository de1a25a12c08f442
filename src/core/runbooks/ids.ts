/**
 * The ids of the runbooks shipped in `runbooks/`: the ones the engine's rules and a model's answer
 * may suggest (a test keeps this list and the shipped files equal).
 */
export const SHIPPED_RUNBOOK_IDS = [
  'bad-prompt-release',
  'tool-misuse',
  'provider-outage-failover',
  'token-cost-runaway',
  'prompt-injection',
  'gpu-xid-unhealthy-node',
  'gpu-thermal-throttling',
  'kv-cache-saturation',
  'db-pool-exhaustion',
  'oom-after-deploy',
  'certificate-expiry',
  'upstream-dependency-outage',
  'noisy-neighbour',
] as const;
export type ShippedRunbookId = (typeof SHIPPED_RUNBOOK_IDS)[number];
