/** Every scenario of the suite, in a stable order. */
import type { ScenarioDef } from '../types';
import { badPromptRelease } from './bad-prompt-release';
import { certificateExpiry } from './certificate-expiry';
import { dbPoolExhaustion } from './db-pool-exhaustion';
import { gpuThermal } from './gpu-thermal';
import { gpuXid } from './gpu-xid';
import { kvCacheSaturation } from './kv-cache-saturation';
import { noisyNeighbour } from './noisy-neighbour';
import { oomAfterDeploy } from './oom-after-deploy';
import { promptInjection } from './prompt-injection';
import { providerOutage } from './provider-outage';
import { tokenCostRunaway } from './token-cost-runaway';
import { toolMisuse } from './tool-misuse';
import { upstreamOutageTrap } from './upstream-outage-trap';

export const SCENARIOS: readonly ScenarioDef[] = [
  badPromptRelease,
  providerOutage,
  tokenCostRunaway,
  toolMisuse,
  promptInjection,
  gpuXid,
  gpuThermal,
  kvCacheSaturation,
  dbPoolExhaustion,
  oomAfterDeploy,
  upstreamOutageTrap,
  noisyNeighbour,
  certificateExpiry,
];

export function scenarioById(id: string): ScenarioDef | undefined {
  return SCENARIOS.find((s) => s.id === id);
}
