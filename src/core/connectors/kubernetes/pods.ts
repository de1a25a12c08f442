/**
 * Pod and Job status → LogRecords. A container whose `lastState.terminated` is set restarted:
 * one log at `finishedAt` (error when the reason is OOMKilled, warn otherwise), deduplicated across
 * snapshots of the same pod by its externalId. A Job with a `Failed=True` condition → an error log.
 */
import type { EventInput, LogRecord } from '../../../shared/events';
import { clampText } from '../common/text';
import { arr, num, obj, str, time, type Obj } from './fields';
import { workloadOf } from './workload';

const MAX_CONTAINERS = 64;

export function mapPod(pod: Obj): EventInput[] {
  const meta = obj(pod.metadata);
  const name = str(meta.name) ?? 'pod';
  const ns = str(meta.namespace);
  const owner = obj(arr(meta.ownerReferences)[0]);
  const service = owner.kind === 'StatefulSet' || owner.kind === 'DaemonSet' ? (str(owner.name) ?? workloadOf(name)) : workloadOf(name);
  const status = obj(pod.status);
  const out: EventInput[] = [];
  const statuses = [...arr(status.initContainerStatuses), ...arr(status.containerStatuses)].slice(0, MAX_CONTAINERS);
  for (const cs of statuses) {
    const c = obj(cs);
    const term = obj(obj(c.lastState).terminated);
    const finished = time(term.finishedAt);
    if (finished === undefined) continue;
    const container = str(c.name) ?? 'container';
    const reason = str(term.reason) ?? 'Terminated';
    const exit = num(term.exitCode);
    const restarts = num(c.restartCount) ?? 0;
    const waiting = str(obj(obj(c.state).waiting).reason);
    const log: LogRecord = {
      kind: 'log',
      externalId: `k8s:restart:${str(meta.uid) ?? `${ns}/${name}`}:${container}:${finished}`,
      ts: finished,
      service,
      severity: reason === 'OOMKilled' ? 'error' : 'warn',
      body: clampText(
        `Container ${container} of pod ${name} restarted (restart ${restarts}): last run ended ${reason}` +
          (exit !== undefined ? `, exit code ${exit}` : '') +
          (waiting ? `; now ${waiting}` : ''),
      ),
      attrs: {
        'k8s.pod': name,
        'k8s.container': container,
        'k8s.reason': reason,
        'k8s.restart_count': restarts,
        ...(ns ? { 'k8s.namespace': ns } : {}),
        ...(exit !== undefined ? { 'k8s.exit_code': exit } : {}),
      },
    };
    out.push(log);
  }
  return out;
}

export function mapJob(job: Obj): EventInput[] {
  const meta = obj(job.metadata);
  const name = str(meta.name) ?? 'job';
  const out: EventInput[] = [];
  for (const cond of arr(obj(job.status).conditions).slice(0, 16)) {
    const c = obj(cond);
    if (c.type !== 'Failed' || c.status !== 'True') continue;
    const ts = time(c.lastTransitionTime) ?? time(c.lastProbeTime);
    if (ts === undefined) continue;
    out.push({
      kind: 'log',
      externalId: `k8s:job-failed:${str(meta.uid) ?? name}`,
      ts,
      service: name,
      severity: 'error',
      body: clampText(`Job ${name} failed: ${str(c.reason) ?? ''} ${str(c.message) ?? ''}`.trim()),
      attrs: { 'k8s.job': name, ...(str(meta.namespace) ? { 'k8s.namespace': str(meta.namespace) ?? '' } : {}) },
    });
  }
  return out;
}
