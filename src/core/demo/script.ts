/** The scripted, one-off events of the demo incident: changes and alert transitions. */
import type { AlertEvent, ChangeEvent, EventInput } from '../../shared/events';
import type { Incident } from '../../shared/incident';
import { AT, MIN, PROMPT_DIFF, PROMPT_TARGET, SERVICES, WINDOW_AFTER, WINDOW_BEFORE } from './scenario';

const RUNBOOK = 'https://runbooks.acme.internal/support-agent/invalid-json';

function alert(
  t0: number,
  rel: number,
  base: Omit<AlertEvent, 'kind' | 'ts' | 'state' | 'externalId'>,
  state: AlertEvent['state'],
): AlertEvent {
  return { kind: 'alert', ts: t0 + rel, state, externalId: `${base.fingerprint}:${state}:${t0 + rel}`, ...base };
}

export function scriptedEvents(t0: number): EventInput[] {
  const paymentsDeploy: ChangeEvent = {
    kind: 'change',
    externalId: 'argocd:payments-api:rev-1842',
    ts: t0 + AT.paymentsDeploy,
    durMs: 94_000,
    service: 'payments-api',
    changeType: 'deploy',
    target: 'payments/payments-api',
    author: 'dev.patel',
    summary: 'Argo CD sync payments-api: image 2026.03.13-4f2a9c1 -> 2026.03.14-b71e03d (Synced, Healthy)',
    from: 'ghcr.io/acme/payments-api:2026.03.13-4f2a9c1',
    to: 'ghcr.io/acme/payments-api:2026.03.14-b71e03d',
    source: 'argocd',
    attrs: { 'argocd.app': 'payments-api-prod', 'argocd.revision': 'b71e03d9a4c2', 'argocd.sync_status': 'Synced' },
  };
  const promptRelease: ChangeEvent = {
    kind: 'change',
    externalId: 'prompt-registry:support-agent/system-prompt:v42',
    ts: t0 + AT.promptRelease,
    service: 'support-agent',
    changeType: 'prompt',
    target: PROMPT_TARGET,
    author: 'maria.chen',
    summary: 'Release system prompt v42: friendlier tone, simplified tool descriptions',
    from: 'v41',
    to: 'v42',
    diff: PROMPT_DIFF,
    source: 'prompt-registry',
    attrs: { 'prompt.rollout': '100%', 'review.approved_by': 'j.alvarez' },
  };
  const rollback: ChangeEvent = {
    kind: 'change',
    externalId: 'prompt-registry:support-agent/system-prompt:rollback-v41',
    ts: t0 + AT.rollback,
    service: 'support-agent',
    changeType: 'rollback',
    target: PROMPT_TARGET,
    author: 'sam.okafor',
    summary: 'Roll back system prompt v42 -> v41 (INC-2026-0314-001), via oncall-bot',
    from: 'v42',
    to: 'v41',
    source: 'prompt-registry',
    attrs: { 'executed_by': 'oncall-bot', 'approved_by': 'sam.okafor' },
  };
  const invalidJson = {
    service: 'support-agent',
    name: 'SupportAgentInvalidJSONRate',
    fingerprint: '8f3a1c2e9b7d4f60',
    severity: 'critical' as const,
    labels: { alertname: 'SupportAgentInvalidJSONRate', service: 'support-agent', severity: 'critical', team: 'ai-platform' },
    summary: 'invalid JSON rate 18% > 10% for 10m',
    runbookUrl: RUNBOOK,
    source: 'alertmanager',
  };
  const queue = {
    service: 'vllm-gateway',
    name: 'VLLMQueueDepthHigh',
    fingerprint: '2b6e9d04a1f3c857',
    severity: 'warning' as const,
    labels: { alertname: 'VLLMQueueDepthHigh', service: 'vllm-gateway', severity: 'warning', team: 'ml-infra', pool: 'gpu-pool-a' },
    summary: 'vllm:num_requests_waiting > 20 for 5m on gpu-pool-a',
    runbookUrl: 'https://runbooks.acme.internal/vllm/queue-depth',
    source: 'alertmanager',
  };
  const events: EventInput[] = [
    paymentsDeploy,
    promptRelease,
    alert(t0, AT.invalidJsonAlert, invalidJson, 'firing'),
    alert(t0, AT.queueAlert, queue, 'firing'),
    alert(t0, AT.queueAlert + 3 * MIN, queue, 'acknowledged'),
    rollback,
    alert(t0, AT.invalidJsonResolved, { ...invalidJson, summary: 'invalid JSON rate back to 2% (< 10%)' }, 'resolved'),
    alert(t0, AT.queueResolved, queue, 'resolved'),
  ];
  return events.sort((a, b) => a.ts - b.ts);
}

export function incidentId(t0: number): string {
  const d = new Date(t0);
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(d.getUTCDate()).padStart(2, '0');
  return `INC-${d.getUTCFullYear()}-${mm}${dd}-001`;
}

const hhmm = (t: number): string => new Date(t).toISOString().slice(11, 16);

export function demoIncident(t0: number): Incident {
  return {
    id: incidentId(t0),
    title: 'support-agent returning invalid JSON; get_order_status tool errors',
    severity: 'sev2',
    status: 'resolved',
    startedAt: t0 + AT.onset,
    detectedAt: t0 + AT.invalidJsonAlert,
    resolvedAt: t0 + AT.recovered,
    windowFrom: t0 - WINDOW_BEFORE,
    windowTo: t0 + WINDOW_AFTER,
    services: [...SERVICES],
    summary:
      `System prompt v42 of support-agent (released ${hhmm(t0)} UTC by maria.chen) dropped the JSON output ` +
      `instruction and reworded the get_order_status schema. From ${hhmm(t0 + AT.onset)} the invalid structured-output rate ` +
      `rose from ~2% to ~18%, get_order_status calls failed with invalid_args, outputs doubled in length and ` +
      `the vLLM pool (gpu-pool-a) queued requests with the KV cache saturated. SupportAgentInvalidJSONRate ` +
      `fired at ${hhmm(t0 + AT.invalidJsonAlert)}. Rolled back to v41 at ${hhmm(t0 + AT.rollback)}; metrics recovered by ` +
      `${hhmm(t0 + AT.recovered)}. The payments-api deploy at ${hhmm(t0 + AT.paymentsDeploy)} and the GPU 3 temperature ` +
      `rise on gpu-node-2 were unrelated.`,
  };
}
