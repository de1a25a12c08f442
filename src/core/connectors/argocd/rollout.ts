/**
 * Argo Rollouts `Rollout` → a change (the rollout of the current pod template) and, when it is
 * aborted, degraded (ProgressDeadlineExceeded) or paused mid-canary, a warn/info log. Times come
 * from the Progressing condition's lastUpdateTime (a Rollout has no other clock).
 */
import type { EventInput } from '../../../shared/events';
import { clampShort, clampText } from '../common/text';
import { arr, num, obj, str, time, type Obj } from '../kubernetes/fields';

export function mapRollout(ro: Obj, now: number): EventInput[] {
  const meta = obj(ro.metadata);
  const name = str(meta.name) ?? 'rollout';
  const status = obj(ro.status);
  const conds = arr(status.conditions).map(obj);
  const progressing = conds.find((c) => c.type === 'Progressing') ?? {};
  const ts = time(progressing.lastUpdateTime) ?? time(progressing.lastTransitionTime) ?? now;
  const reason = str(progressing.reason) ?? '';
  const aborted = status.abort === true || reason === 'RolloutAborted';
  const degraded = reason === 'ProgressDeadlineExceeded';
  const images = clampShort(
    arr(obj(obj(obj(ro.spec).template).spec).containers)
      .slice(0, 16)
      .map((c) => str(obj(c).image) ?? '?')
      .join(', '),
  );
  const hash = str(status.currentPodHash) ?? '';
  const step = num(status.currentStepIndex);
  const strategy = obj(obj(ro.spec).strategy).canary !== undefined ? 'canary' : 'blueGreen';
  const state = aborted ? 'aborted' : degraded ? 'degraded' : reason === 'ReplicaSetUpdated' ? 'progressing' : (reason || 'unknown');
  const out: EventInput[] = [
    {
      kind: 'change',
      externalId: `argo-rollouts:${str(meta.namespace) ?? ''}/${name}:${hash}:${state}`,
      ts,
      service: name,
      changeType: aborted ? 'rollback' : 'deploy',
      target: name,
      author: 'argo-rollouts',
      summary: clampText(`${strategy} rollout of ${name} to ${images} ${state}${step !== undefined ? ` at step ${step}` : ''}: ${str(progressing.message) ?? ''}`),
      to: images,
      source: 'argocd',
      attrs: { 'rollout.state': state, 'rollout.pod_hash': hash, 'rollout.strategy': strategy, ...(step !== undefined ? { 'rollout.step': step } : {}) },
    },
  ];
  if (aborted || degraded) {
    out.push({
      kind: 'log',
      externalId: `argo-rollouts:${str(meta.namespace) ?? ''}/${name}:${hash}:${state}:log`,
      ts,
      service: name,
      severity: 'warn',
      body: clampText(`Rollout ${name} ${state}: ${str(progressing.message) ?? reason}`),
      attrs: { 'rollout.state': state },
    });
  }
  return out;
}
