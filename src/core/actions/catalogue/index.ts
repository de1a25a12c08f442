/**
 * The action catalogue: an allowlist. Nothing outside it can be rendered, previewed or dispatched;
 * `getAction` answers undefined for any other id.
 */
import { alertmanagerSilence } from './alertmanager';
import { argocdRollback, argocdSync } from './argocd';
import { k8sCordon, k8sDrain } from './kubernetes-nodes';
import { k8sRolloutRestart, k8sRolloutUndo, k8sScale } from './kubernetes-workloads';
import { pagerdutyEscalate, pagerdutyNote, pagerdutyPage } from './pagerduty';
import { slackNotify } from './slack';
import type { ActionDefinition } from './types';
import { webhookProviderFailover, webhookRateLimit, webhookToolKillSwitch } from './webhook';

export const CATALOGUE: readonly ActionDefinition[] = Object.freeze([
  k8sScale,
  k8sRolloutRestart,
  k8sRolloutUndo,
  k8sCordon,
  k8sDrain,
  argocdRollback,
  argocdSync,
  alertmanagerSilence,
  webhookToolKillSwitch,
  webhookProviderFailover,
  webhookRateLimit,
  pagerdutyEscalate,
  pagerdutyNote,
  pagerdutyPage,
  slackNotify,
]);

const byId = new Map(CATALOGUE.map((a) => [a.id, a]));

export const ACTION_IDS: readonly string[] = CATALOGUE.map((a) => a.id);

/** The catalogue entry for `id`, or undefined for anything not on the allowlist. */
export function getAction(id: string): ActionDefinition | undefined {
  return byId.get(id);
}

/** The params a runbook writes for `action`: its schema without the fields the preview fills in. */
export function runbookParamsSchema(action: ActionDefinition): ActionDefinition['params'] {
  const omit: Record<string, true> = {};
  for (const k of action.filledAtPreview) omit[k] = true;
  return action.params.omit(omit);
}

export type { ActionDefinition, Check, Expectation, JsonValue, ParamIssue, RenderedRequest, RenderOptions, RenderResult, Risk, TargetKind } from './types';
export { previewText } from './request';
export { secretRef } from './secrets';
export { Target } from './targets';
