/**
 * The runbooks a hypothesis may suggest. A model may only name one of these; anything else is
 * dropped. This list stands in until the runbook catalogue exists: callers pass their own list
 * (`ReviewOptions.runbooks`) once it does.
 */
export const RUNBOOK_IDS = [
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
export type RunbookId = (typeof RUNBOOK_IDS)[number];
