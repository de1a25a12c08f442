/**
 * What happens in every scenario besides the fault: routine changes long before it, an autoscaler
 * decision, a flapping low-severity alert, and housekeeping logs from several services.
 */
import type { Rng } from '../demo/prng';
import type { Emitter } from './emit';
import type { Flow } from './flows/common';
import { MIN, type World } from './world';

export function routineScript(emit: Emitter, w: World, rng: Rng): void {
  const healthy = rng.pick([w.search, w.frontend, w.billing]);
  emit.argoDeploy({ svc: healthy, ts: w.from + rng.int(3, 12) * MIN, author: rng.pick(w.authors), fromRev: rng.hex(40), toRev: rng.hex(40), durMs: rng.int(40, 120) * 1000 });
  const hpa = w.frontend.name;
  const at = w.from + rng.int(10, 30) * MIN;
  const size = w.frontend.pods.length;
  emit.k8sEvent({
    ts: at, kind: 'HorizontalPodAutoscaler', name: hpa, namespace: w.frontend.namespace, reason: 'SuccessfulRescale', type: 'Normal', component: 'horizontal-pod-autoscaler',
    message: `New size: ${size + 1}; reason: cpu resource utilization (percentage of request) above target`,
  });
  emit.k8sEvent({
    ts: at + rng.int(8, 14) * MIN, kind: 'HorizontalPodAutoscaler', name: hpa, namespace: w.frontend.namespace, reason: 'SuccessfulRescale', type: 'Normal', component: 'horizontal-pod-autoscaler',
    message: `New size: ${size}; reason: All metrics below target`,
  });
  const flapStart = w.from + rng.int(5, 20) * MIN;
  emit.alert({
    name: 'CPUThrottlingHigh', severity: 'info', startsAt: flapStart, endsAt: flapStart + rng.int(4, 9) * MIN,
    labels: { namespace: w.billing.namespace, pod: w.billing.pods[0]?.name ?? w.billing.name, container: 'worker', service: w.billing.name },
    summary: `${rng.int(26, 48)}% throttling of CPU in namespace ${w.billing.namespace} for container worker`,
    runbook: 'https://runbooks.prometheus-operator.dev/runbooks/kubernetes/cputhrottlinghigh',
  });
}

const HOUSEKEEPING: ((w: World, rng: Rng) => { service: string; severity: 'info' | 'warn' | 'debug'; body: string })[] = [
  (w, r) => ({ service: w.search.name, severity: 'info', body: `refreshed synonyms index=products entries=${r.int(1_200, 1_400)}` }),
  (w, r) => ({ service: w.orders.name, severity: 'warn', body: `slow query: SELECT * FROM order_items WHERE order_id = $1 took ${r.int(250, 900)}ms` }),
  (w, r) => ({ service: w.frontend.name, severity: 'info', body: `GC pause young ${r.int(3, 18)}ms heap=${r.int(180, 260)}MB` }),
  (w, r) => ({ service: w.billing.name, severity: 'info', body: `consumer lag topic=payments.settled partition=${r.int(0, 11)} lag=${r.int(0, 40)}` }),
  (w, r) => ({ service: w.vllm.gateway.name, severity: 'debug', body: `health check ok upstreams=${w.vllm.pods.length} p50_ms=${r.int(2, 9)}` }),
  (w, r) => ({ service: w.agent.name, severity: 'warn', body: `conversation memory trimmed to ${r.int(12, 20)} turns session=${r.hex(12)}` }),
  (w, r) => ({ service: w.payments.name, severity: 'warn', body: `webhook signature verification skipped for test event id=evt_${r.hex(14)}` }),
];

/** One housekeeping log line from one of the services. */
export const housekeepingFlow: Flow = (ctx, ts) => {
  const l = ctx.rng.pick(HOUSEKEEPING)(ctx.world, ctx.rng);
  ctx.emit.log({ service: l.service, ts, severity: l.severity, body: l.body });
};
