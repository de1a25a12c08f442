/** A batch job without CPU limits lands on a shared node: node CPU saturates, the latency-sensitive pods beside it slow down. */
import { jobPodName } from '../names';
import { ramp } from '../shape';
import type { ScenarioDef } from '../types';
import { herringDeploy, minutes, svcRefs } from './common';

export const noisyNeighbour: ScenarioDef = {
  id: 'noisy-neighbour',
  title: 'Noisy neighbour: a batch job saturates a shared node, co-located pods slow down',
  build(w, rng) {
    const serving = [...w.orders.pods, ...w.search.pods, ...w.frontend.pods];
    const node = w.nodes.cpu.map((n) => ({ n, c: serving.filter((p) => p.node === n).length })).sort((a, b) => b.c - a.c || a.n.localeCompare(b.n))[0]?.n ?? w.nodes.cpu[0] ?? 'node';
    const cron = rng.pick(['report-export', 'feature-backfill', 'video-transcode', 'log-compactor']);
    const job = `${cron}-${rng.int(29_000_000, 29_999_999)}`;
    const pod = jobPodName(job, rng);
    const start = w.t0;
    const cores = rng.range(6, 7.6);
    const rise = minutes(rng, 1, 2);
    const hog = (t: number): number => ramp(t, start + 20_000, rise);
    const victims = new Set(w.pods.filter((p) => p.node === node).map((p) => p.name));
    const slow = rng.range(2.5, 5);
    return {
      label: {
        id: 'noisy-neighbour',
        title: `${job} saturating ${node}`,
        expected: { category: 'infrastructure', runbook: 'noisy-neighbour', entities: [`node:${node}`, `pod:${pod}`, ...svcRefs(job), ...svcRefs(cron)] },
      },
      knobs: { podSlow: (p, t) => (victims.has(p) ? 1 + (slow - 1) * hog(t) : 1) },
      adjust(s, t, v, r) {
        const h = hog(t);
        if (h === 0) return v;
        if (s.name === 'node_cpu_utilisation' && s.labels.instance === node) return Math.min(1, v + (0.985 - v) * h + r.normal(0, 0.005));
        if (s.name === 'container_cpu_usage:rate' && victims.has(s.labels.pod ?? '')) return v * (1 - 0.3 * h);
        return v;
      },
      extraSeries: [
        { name: 'container_cpu_usage:rate', labels: { namespace: 'batch', pod }, lane: 'infra', unit: 'cores', value: (t, r) => (t < start ? null : Math.round((0.05 + cores * hog(t) + r.normal(0, 0.1)) * 1e4) / 1e4) },
        { name: 'container_memory_working_set_bytes', labels: { namespace: 'batch', pod }, lane: 'infra', unit: 'bytes', value: (t, r) => (t < start ? null : Math.round(3e8 + 1.1e10 * hog(t) * (1 + r.normal(0, 0.01)))) },
      ],
      script(emit) {
        herringDeploy(emit, w, rng.pick([w.payments, w.billing]), rng, [3, 9]);
        emit.k8sEvent({ ts: start, kind: 'Job', name: job, namespace: 'batch', reason: 'SuccessfulCreate', type: 'Normal', component: 'job-controller', message: `Created pod: ${pod}` });
        emit.k8sEvent({ ts: start + 1_000, kind: 'Pod', name: pod, namespace: 'batch', reason: 'Scheduled', type: 'Normal', component: 'default-scheduler', message: `Successfully assigned batch/${pod} to ${node}` });
        emit.k8sEvent({ ts: start + 9_000, kind: 'Pod', name: pod, namespace: 'batch', reason: 'Started', type: 'Normal', message: `Started container ${cron}` });
        emit.log({ service: cron, ts: start + 15_000, severity: 'info', body: `${cron} starting with ${rng.pick([16, 32])} worker threads (no CPU limit set)` });
        emit.alert({
          name: 'NodeCPUSaturated', severity: 'warning', startsAt: start + minutes(rng, 3, 5),
          labels: { instance: node, job: 'node-exporter' }, summary: `CPU usage on ${node} above 95% for 2m`,
        });
      },
    };
  },
};
