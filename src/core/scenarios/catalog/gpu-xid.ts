/**
 * A GPU reports a fatal Xid (fallen off the bus, double-bit ECC, GSP timeout): the vLLM replica on
 * that node crashes and loops in back-off, requests routed to it fail, the other replicas queue.
 */
import { XID_MEANINGS } from '../../connectors/prometheus/dcgm';
import type { ScenarioDef } from '../types';
import { herringDeploy, minutes } from './common';

/** Kubelet's crash back-off: 10 s doubling to 5 min. */
function restartTimes(first: number, until: number): number[] {
  const out: number[] = [];
  let t = first;
  let backoff = 10_000;
  while (t < until) {
    out.push(t);
    t += backoff + 25_000; // the container runs ~25 s (model load) before the CUDA init fails again
    backoff = Math.min(backoff * 2, 300_000);
  }
  return out;
}

export const gpuXid: ScenarioDef = {
  id: 'gpu-xid',
  title: 'GPU Xid error: a GPU drops off, the vLLM replica on its node crash-loops',
  build(w, rng) {
    const pod = rng.pick(w.vllm.pods);
    const node = pod.node;
    const gpu = rng.pick(w.gpus.filter((g) => g.node === node));
    const code = rng.pick([79, 79, 48, 119]);
    const at = w.t0 + rng.int(0, 50) * 1000;
    const restarts = restartTimes(at + rng.int(5, 20) * 1000, w.to);
    const down = (t: number): boolean => t >= at;
    const restartsBy = (t: number): number => restarts.filter((r) => r <= t).length;
    const cudaError =
      code === 79 ? 'RuntimeError: CUDA error: unspecified launch failure' : code === 48 ? 'RuntimeError: CUDA error: uncorrectable ECC error encountered' : 'RuntimeError: CUDA error: unknown error';
    return {
      label: {
        id: 'gpu-xid',
        title: `Xid ${code} on ${node} GPU ${gpu.index}`,
        expected: { category: 'infrastructure', runbook: 'gpu-xid-unhealthy-node', entities: [`node:${node}`, `gpu:${node}/${gpu.index}`, `gpu:${gpu.uuid}`] },
      },
      knobs: {
        vllmPod: (name, t) => (name === pod.name && down(t) ? { down: true } : null),
      },
      adjust(s, t, v) {
        if (t < at) return v;
        const l = s.labels;
        if (s.name.startsWith('DCGM_') && l.Hostname === node) {
          if (code === 79 && l.gpu === String(gpu.index)) return null; // the exporter can no longer read it
          if (s.name === 'DCGM_FI_DEV_GPU_UTIL') return 0;
          if (s.name === 'DCGM_FI_DEV_POWER_USAGE') return Math.round(62 + (v % 7));
          if (s.name === 'DCGM_FI_DEV_FB_USED') return 3;
        }
        if (s.name === 'kube_pod_container_status_restarts_total' && l.pod === pod.name) return restartsBy(t);
        return v;
      },
      script(emit) {
        herringDeploy(emit, w, rng.pick([w.frontend, w.search, w.payments]), rng, [4, 11]);
        emit.xid(
          { gpu: String(gpu.index), UUID: gpu.uuid, device: `nvidia${gpu.index}`, modelName: gpu.model, Hostname: node, instance: `${node}:9400` },
          [
            [at - 15_000, 0],
            [at, code],
          ],
        );
        emit.log({
          service: 'nvidia-device-plugin', ts: at + 2_000, severity: 'warn', attrs: { 'k8s.node.name': node },
          body: `XidCriticalError: Xid=${code} on Device=${gpu.uuid}; marking device as unhealthy. ${XID_MEANINGS[code] ?? ''}`,
        });
        restarts.forEach((r, i) => {
          emit.log({ service: w.vllm.name, ts: r - 1_500, severity: 'error', attrs: { 'k8s.pod.name': pod.name }, body: `${cudaError}\nCUDA kernel errors might be asynchronously reported at some other API call` });
          emit.podRestart({ ts: r, pod: pod.name, namespace: pod.namespace, container: 'vllm', reason: 'Error', exitCode: 1, restarts: i + 1, ...(i >= 2 ? { waiting: 'CrashLoopBackOff' } : {}) });
          if (i >= 1) {
            emit.k8sEvent({ ts: r + 2_000, kind: 'Pod', name: pod.name, namespace: pod.namespace, reason: 'BackOff', message: `Back-off restarting failed container vllm in pod ${pod.name}_${pod.namespace}(${rng.hex(8)})`, count: i });
          }
          emit.k8sEvent({ ts: r + 20_000, kind: 'Pod', name: pod.name, namespace: pod.namespace, reason: 'Unhealthy', message: 'Readiness probe failed: Get "http://10.244.3.17:8000/health": dial tcp 10.244.3.17:8000: connect: connection refused', count: i + 1 });
        });
        emit.alert({
          name: 'GPUXidCritical', severity: 'critical', startsAt: at + 30_000,
          labels: { Hostname: node, gpu: String(gpu.index), xid: String(code), namespace: 'gpu-operator' }, summary: `GPU ${gpu.index} on ${node} reported Xid ${code}`,
        });
        emit.alert({
          name: 'KubePodCrashLooping', severity: 'warning', startsAt: at + minutes(rng, 5, 8),
          labels: { namespace: pod.namespace, pod: pod.name, container: 'vllm', job: 'kube-state-metrics' }, summary: `Pod ${pod.namespace}/${pod.name} (vllm) is in waiting state (reason: "CrashLoopBackOff").`,
        });
      },
    };
  },
};
