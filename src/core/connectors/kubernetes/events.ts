/**
 * core/v1 (and events.k8s.io/v1) Event → LogRecord. Severity: OOMKilling/OOMKilled → error;
 * other `type: Warning` events (BackOff, Failed, FailedScheduling, Unhealthy…) → warn; Normal →
 * info. The service is the workload of the involved object (workloadOf for pods, the
 * Deployment for ReplicaSets). An HPA's SuccessfulRescale also yields a ChangeEvent 'scale'.
 * Timestamp: lastTimestamp, else eventTime, firstTimestamp, metadata.creationTimestamp, else the
 * import time (ctx.now) — the OpenShift Insights lists carry only lastTimestamp.
 */
import type { ChangeEvent, EventInput, LogRecord, LogSeverity } from '../../../shared/events';
import { clampText } from '../common/text';
import { hash32, num, obj, str, text, time, type Obj } from './fields';
import { deploymentOfReplicaSet, workloadOf } from './workload';

const OOM = new Set(['OOMKilling', 'OOMKilled', 'SystemOOM']);

export function isEventObject(o: Obj): boolean {
  return o.kind === 'Event' || (o.involvedObject !== undefined && o.reason !== undefined) || (typeof o.reason === 'string' && typeof o.message === 'string' && o.type !== undefined);
}

export function serviceOf(kind: string | undefined, name: string | undefined): string | undefined {
  if (!name) return undefined;
  if (kind === 'Pod') return workloadOf(name);
  if (kind === 'ReplicaSet') return deploymentOfReplicaSet(name);
  return name;
}

function severityOf(reason: string | undefined, type: string | undefined): LogSeverity {
  if (reason && OOM.has(reason)) return 'error';
  if (type === 'Warning') return 'warn';
  if (type === 'Error') return 'error';
  return 'info';
}

export function mapEvent(ev: Obj, now: number): EventInput[] {
  const meta = obj(ev.metadata);
  const inv = obj(ev.involvedObject ?? ev.regarding);
  const ts = time(ev.lastTimestamp) ?? time(ev.eventTime) ?? time(ev.firstTimestamp) ?? time(meta.creationTimestamp) ?? now;
  const reason = str(ev.reason);
  const type = str(ev.type);
  const kind = str(inv.kind);
  const name = str(inv.name);
  const ns = str(inv.namespace) ?? str(meta.namespace) ?? str(ev.namespace);
  const message = text(ev.message ?? ev.note) ?? '';
  const count = num(ev.count) ?? num(obj(ev.series).count) ?? 1;
  const service = serviceOf(kind, name) ?? ns ?? 'kubernetes';
  const id = str(meta.uid) ?? hash32(`${ns}/${kind}/${name}/${reason}/${message}/${ts}`);
  const attrs: Record<string, string | number> = { 'k8s.count': count };
  if (ns) attrs['k8s.namespace'] = ns;
  if (kind) attrs['k8s.object.kind'] = kind;
  if (name) attrs['k8s.object.name'] = name;
  if (reason) attrs['k8s.reason'] = reason;
  const component = str(obj(ev.source).component) ?? str(ev.reportingController);
  if (component) attrs['k8s.source'] = component;
  const log: LogRecord = {
    kind: 'log',
    externalId: `k8s:event:${id}:${count}`,
    ts,
    service,
    severity: severityOf(reason, type),
    body: clampText(reason ? `${reason}: ${message}` : message),
    attrs,
  };
  const out: EventInput[] = [log];
  if (reason === 'SuccessfulRescale') {
    const size = /New size: (\d+)/.exec(message)?.[1];
    const target = kind === 'HorizontalPodAutoscaler' && name ? name : service;
    const change: ChangeEvent = {
      kind: 'change',
      externalId: `k8s:rescale:${id}:${count}`,
      ts,
      service: target,
      changeType: 'scale',
      target,
      author: component ?? 'horizontal-pod-autoscaler',
      summary: clampText(message || 'rescaled'),
      source: 'kubernetes',
      attrs,
    };
    if (size) change.to = size;
    out.push(change);
  }
  return out;
}
