/**
 * A deploy ships a memory leak: the new pods' working set climbs to the limit, they are OOMKilled
 * (exit 137) and restarted in back-off, requests that land on a restarting pod fail.
 */
import type { Rng } from '../../demo/prng';
import { podName, replicaSetHash } from '../names';
import type { ExtraSeries, ScenarioDef } from '../types';
import type { PodInfo } from '../world';
import { herringDeploy, minutes, svcRefs } from './common';

interface Kill {
  at: number;
  up: number;
}

/** OOM kills of one pod: memory climbs from `base` to `limit` in `climb` ms after each start. */
function kills(start: number, climb: number, until: number, rng: Rng): Kill[] {
  const out: Kill[] = [];
  let t = start;
  let backoff = 10_000;
  while (true) {
    const at = t + Math.round(climb * rng.range(0.85, 1.15));
    if (at >= until) return out;
    const up = at + backoff + rng.int(8, 20) * 1000;
    out.push({ at, up });
    t = up;
    backoff = Math.min(backoff * 2, 300_000);
  }
}

export const oomAfterDeploy: ScenarioDef = {
  id: 'oom-after-deploy',
  title: 'OOM after a deploy: the new version leaks memory, pods are OOMKilled and crash-loop',
  build(w, rng) {
    const svc = rng.pick([w.orders, w.payments, w.search]);
    const deployAt = w.t0;
    const hash = replicaSetHash(rng);
    const climb = minutes(rng, 4, 8);
    const fresh: (PodInfo & { born: number; kills: Kill[] })[] = svc.pods.map((p, i) => {
      const born = deployAt + 15_000 + i * 25_000;
      return { ...p, name: podName(svc.name, hash, rng), born, kills: kills(born, climb, w.to, rng) };
    });
    const replaced = new Map(svc.pods.map((p, i) => [p.name, fresh[i]?.born ?? deployAt]));
    const downAt = (p: (typeof fresh)[number], t: number): boolean => p.kills.some((k) => t >= k.at && t < k.up);
    const lastStart = (p: (typeof fresh)[number], t: number): number => p.kills.filter((k) => k.up <= t).reduce((s, k) => Math.max(s, k.up), p.born);
    const memFrac = (p: (typeof fresh)[number], t: number): number => (downAt(p, t) ? 0 : Math.min(1, 0.5 + (0.5 * (t - lastStart(p, t))) / climb));
    const serving = (t: number): PodInfo[] => [...svc.pods.filter((p) => t < (replaced.get(p.name) ?? 0)), ...fresh.filter((p) => t >= p.born)];
    const fromRev = rng.hex(40);
    const toRev = rng.hex(40);
    const extra: ExtraSeries[] = fresh.flatMap((p): ExtraSeries[] => {
      const labels = { namespace: p.namespace, pod: p.name };
      const alive = (t: number): boolean => t >= p.born;
      return [
        { name: 'container_memory_working_set_bytes', labels, lane: 'infra', unit: 'bytes', value: (t: number, r: Rng) => (alive(t) && !downAt(p, t) ? Math.round(p.memLimit * memFrac(p, t) * (1 + r.normal(0, 0.004))) : null) },
        { name: 'container_cpu_usage:rate', labels, lane: 'infra', unit: 'cores', value: (t: number, r: Rng) => (alive(t) && !downAt(p, t) ? Math.round(p.cpuBase * (1 + 1.5 * Math.max(0, memFrac(p, t) - 0.8)) * (1 + r.normal(0, 0.08)) * 1e4) / 1e4 : null) },
        {
          name: 'kube_pod_container_status_restarts_total', labels: { namespace: p.namespace, pod: p.name, container: p.container, job: 'kube-state-metrics', instance: '10.244.0.9:8080' },
          lane: 'infra', unit: 'restarts', value: (t: number) => (alive(t) ? p.kills.filter((k) => k.at <= t).length : null),
        },
        {
          name: 'kube_pod_container_status_last_terminated_reason', labels: { namespace: p.namespace, pod: p.name, container: p.container, reason: 'OOMKilled' }, lane: 'infra',
          value: (t: number) => (p.kills.some((k) => k.at <= t) ? 1 : null),
        },
      ];
    });
    return {
      label: {
        id: 'oom-after-deploy',
        title: `${svc.name} OOMKilled after deploying ${toRev.slice(0, 7)}`,
        expected: { category: 'infrastructure', runbook: 'oom-after-deploy', entities: svcRefs(svc.name) },
      },
      knobs: {
        pods: (name, t) => (name === svc.name ? serving(t) : null),
        serviceCrash: (name, t) => (name === svc.name ? fresh.filter((p) => downAt(p, t)).length / fresh.length : 0),
        podSlow: (pod, t) => {
          const p = fresh.find((x) => x.name === pod);
          return p ? 1 + 4 * Math.max(0, memFrac(p, t) - 0.85) / 0.15 : 1;
        },
      },
      adjust(s, t, v) {
        const until = replaced.get(s.labels.pod ?? '');
        return until !== undefined && t >= until ? null : v;
      },
      extraSeries: extra,
      script(emit) {
        herringDeploy(emit, w, w.billing, rng, [8, 15]);
        emit.change({
          externalId: `prompt-registry:${w.agent.promptTarget}:wording:${w.seed}`, ts: w.t0 - minutes(rng, 3, 10), service: w.agent.name, changeType: 'prompt',
          target: w.agent.promptTarget, author: rng.pick(w.authors), summary: 'Typo fixes in the greeting paragraph', from: w.agent.promptVersion, to: `${w.agent.promptVersion}.1`, source: 'prompt-registry',
        });
        emit.argoDeploy({ svc, ts: deployAt, author: rng.pick(w.authors), fromRev, toRev, durMs: 75_000 });
        emit.k8sEvent({ ts: deployAt - 60_000, kind: 'Deployment', name: svc.name, namespace: svc.namespace, reason: 'ScalingReplicaSet', type: 'Normal', component: 'deployment-controller', message: `Scaled up replica set ${svc.name}-${hash} to ${fresh.length}` });
        fresh.forEach((p) => {
          p.kills.forEach((k, i) => {
            emit.log({ service: svc.name, ts: k.at - rng.int(20, 90) * 1000, severity: 'warn', attrs: { 'k8s.pod.name': p.name }, body: `GC overhead: heap ${rng.int(92, 98)}% used after full GC (pause ${rng.int(400, 1900)}ms)` });
            emit.podRestart({ ts: k.at, pod: p.name, namespace: p.namespace, container: p.container, reason: 'OOMKilled', exitCode: 137, restarts: i + 1, ...(i >= 1 ? { waiting: 'CrashLoopBackOff' } : {}) });
            if (i === 0) {
              emit.k8sEvent({ ts: k.at, kind: 'Node', name: p.node, namespace: 'default', reason: 'OOMKilling', component: 'kernel-monitor', message: `Memory cgroup out of memory: Killed process ${rng.int(3000, 9000)} (java) total-vm:${rng.int(3, 6)}GB, anon-rss:${Math.round(p.memLimit / 1e6)}MB` });
            } else {
              emit.k8sEvent({ ts: k.at + 2_000, kind: 'Pod', name: p.name, namespace: p.namespace, reason: 'BackOff', message: `Back-off restarting failed container ${p.container} in pod ${p.name}_${p.namespace}(${rng.hex(8)})`, count: i });
            }
          });
        });
        const first = Math.min(...fresh.map((p) => p.kills[0]?.at ?? Infinity));
        if (Number.isFinite(first)) {
          emit.alert({
            name: 'KubePodCrashLooping', severity: 'warning', startsAt: first + minutes(rng, 4, 7),
            labels: { namespace: svc.namespace, pod: fresh[0]?.name ?? svc.name, container: fresh[0]?.container ?? 'app', job: 'kube-state-metrics' },
            summary: `Pod ${svc.namespace}/${fresh[0]?.name ?? svc.name} is in waiting state (reason: "CrashLoopBackOff").`,
          });
        }
      },
    };
  },
};
