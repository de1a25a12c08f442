/** A reconciliation job holds long transactions on the orders database: the orders API's connection pool runs dry, requests time out, callers see 5xx. */
import { ramp } from '../shape';
import type { ScenarioDef } from '../types';
import { jobPodName } from '../names';
import { herringFlag, minutes, svcRefs } from './common';

export const dbPoolExhaustion: ScenarioDef = {
  id: 'db-pool-exhaustion',
  title: 'Database connection-pool exhaustion: "timeout acquiring connection", slow queries, 5xx',
  build(w, rng) {
    const svc = w.orders;
    const job = `orders-reconcile-${rng.int(29_000_000, 29_999_999)}`;
    const jobPod = jobPodName(job, rng);
    const start = w.t0;
    const onset = start + minutes(rng, 1, 3);
    const peak = rng.range(0.55, 0.9);
    const rise = minutes(rng, 2, 4);
    const level = (t: number): number => peak * ramp(t, onset, rise);
    return {
      label: {
        id: 'db-pool-exhaustion',
        title: `${svc.name} connection pool exhausted by ${job}`,
        expected: { category: 'infrastructure', runbook: 'db-pool-exhaustion', entities: [...svcRefs(svc.name), `service:${w.db.name}`, ...svcRefs('orders-reconcile'), ...svcRefs(job)] },
      },
      knobs: { dbPool: (name, t) => (name === svc.name ? level(t) : 0) },
      extraSeries: [
        ...svc.pods.flatMap((p) => [
          {
            name: 'hikaricp_connections_active', labels: { namespace: p.namespace, pod: p.name, pool: 'HikariPool-1' }, lane: 'infra' as const,
            value: (t: number, r: { normal(m: number, s: number): number }) => Math.min(20, Math.max(0, Math.round(5 + 15 * Math.min(1, level(t) * 1.6) + r.normal(0, 1)))),
          },
          {
            name: 'hikaricp_connections_pending', labels: { namespace: p.namespace, pod: p.name, pool: 'HikariPool-1' }, lane: 'infra' as const,
            value: (t: number, r: { normal(m: number, s: number): number }) => Math.max(0, Math.round(60 * level(t) + r.normal(0, 0.4 + 6 * level(t)))),
          },
        ]),
        {
          name: 'pg_stat_activity_count', labels: { datname: w.db.dbName, state: 'idle in transaction', instance: `${w.db.host}:9187` }, lane: 'infra' as const,
          value: (t, r) => Math.max(0, Math.round(2 + 55 * level(t) + r.normal(0, 1))),
        },
        {
          name: 'pg_stat_activity_count', labels: { datname: w.db.dbName, state: 'active', instance: `${w.db.host}:9187` }, lane: 'infra' as const,
          value: (t, r) => Math.max(0, Math.round(9 + 20 * level(t) + r.normal(0, 2))),
        },
      ],
      script(emit) {
        herringFlag(emit, w, w.frontend.name, rng, [2, 6]);
        emit.k8sEvent({ ts: start, kind: 'Job', name: job, namespace: svc.namespace, reason: 'SuccessfulCreate', type: 'Normal', component: 'job-controller', message: `Created pod: ${jobPod}` });
        emit.k8sEvent({ ts: start + 1_000, kind: 'Pod', name: jobPod, namespace: svc.namespace, reason: 'Scheduled', type: 'Normal', component: 'default-scheduler', message: `Successfully assigned ${svc.namespace}/${jobPod} to ${w.nodes.cpu[0] ?? 'node'}` });
        emit.log({ service: 'orders-reconcile', ts: start + 6_000, severity: 'info', body: `reconcile run started: scanning orders updated in the last 30 days (batch_size=50000, isolation=REPEATABLE READ)` });
        emit.log({ service: w.db.name, ts: onset + minutes(rng, 2, 4), severity: 'warn', body: `process ${rng.int(20_000, 40_000)} still waiting for ShareLock on transaction ${rng.int(1e8, 2e8)} after 1000.062 ms` });
        emit.alert({
          name: 'HikariPendingConnectionsHigh', severity: 'critical', startsAt: onset + minutes(rng, 3, 5),
          labels: { service: svc.name, namespace: svc.namespace, pool: 'HikariPool-1' }, summary: `${svc.name}: more than 10 threads waiting for a database connection for 2m`,
        });
      },
    };
  },
};
