/** Entity refs (`kind:name`) from event fields, metric labels and attributes. */
import { podWorkload, statefulSetOf } from './workload';

export const ref = (kind: string, name: string): string => `${kind}:${name}`;

/** Refs for a pod: the pod, its workload, and its StatefulSet when it has an ordinal. */
export function podRefs(pod: string): string[] {
  const out = [ref('pod', pod)];
  const w = podWorkload(pod);
  out.push(ref('workload', w));
  const set = w === pod ? statefulSetOf(pod) : null;
  if (set !== null) out.push(ref('workload', set));
  return out;
}

const first = (m: Readonly<Record<string, unknown>>, keys: readonly string[]): string | null => {
  for (const k of keys) {
    const v = m[k];
    if (typeof v === 'string' && v.length > 0) return v;
  }
  return null;
};

const POD_KEYS = ['pod', 'pod_name', 'k8s.pod.name', 'k8s.pod', 'exported_pod', 'kubernetes_pod_name'];
const NODE_KEYS = ['node', 'kubernetes_node', 'k8s.node.name', 'Hostname', 'hostname', 'host.name', 'host', 'nodename'];
const WORKLOAD_KEYS = ['k8s.deployment.name', 'k8s.statefulset.name', 'k8s.daemonset.name', 'deployment', 'statefulset', 'daemonset', 'workload'];
const MODEL_KEYS = ['model_name', 'model', 'gen_ai.request.model', 'gen_ai.response.model'];
const SERVICE_KEYS = ['service', 'service.name', 'service_name', 'app', 'app.kubernetes.io/name', 'k8s.service.name'];
const PROVIDER_KEYS = ['gen_ai.system', 'gen_ai.provider.name', 'provider'];
const TOOL_KEYS = ['gen_ai.tool.name', 'tool'];
const PEER_KEYS = ['peer.service', 'server.address', 'net.peer.name', 'db.system', 'rpc.service'];

/** Entities a metric series' labels (or an event's attributes) name, most specific first. */
export function labelRefs(labels: Readonly<Record<string, unknown>>): string[] {
  const out: string[] = [];
  const objectPod = labels['k8s.object.kind'] === 'Pod' ? first(labels, ['k8s.object.name']) : null;
  const pod = first(labels, POD_KEYS) ?? objectPod;
  // `instance` is the scrape target: the node for node-level exporters, but the exporter's own
  // address for kube-state-metrics and for any series about a pod.
  const scrapeIsNode = pod === null && !/kube-state-metrics/i.test(String(labels.job ?? ''));
  const node = first(labels, NODE_KEYS) ?? (scrapeIsNode ? instanceHost(first(labels, ['instance'])) : null);
  const gpu = first(labels, ['gpu', 'gpu.index']);
  if (gpu !== null && node !== null) out.push(ref('gpu', `${node}/${gpu}`));
  if (pod !== null) out.push(...podRefs(pod));
  const wl = first(labels, WORKLOAD_KEYS);
  if (wl !== null) out.push(ref('workload', wl));
  if (node !== null) out.push(ref('node', node));
  const model = first(labels, MODEL_KEYS);
  if (model !== null) out.push(ref('model', model));
  const tool = first(labels, TOOL_KEYS);
  if (tool !== null) out.push(ref('tool', tool));
  const provider = first(labels, PROVIDER_KEYS);
  if (provider !== null) out.push(ref('provider', provider));
  const svc = first(labels, SERVICE_KEYS);
  if (svc !== null) out.push(ref('service', svc));
  return [...new Set(out)];
}

/** The peer a client span talks to (peer.service, server.address, url host, db system). */
export function peerOf(attrs: Readonly<Record<string, unknown>>): string | null {
  const p = first(attrs, PEER_KEYS);
  if (p !== null) return p;
  const url = first(attrs, ['url.full', 'http.url']);
  if (url === null) return null;
  try {
    return new URL(url).hostname || null;
  } catch {
    return null;
  }
}

/** `10.0.0.5:9100` → `10.0.0.5`; `gpu-node-3:9400` → `gpu-node-3`. */
export function instanceHost(instance: string | null): string | null {
  if (instance === null || instance.length === 0) return null;
  const m = /^\[?([^\]]+?)\]?(?::\d+)?$/.exec(instance);
  return m?.[1] ?? instance;
}

/** Entity kind of a ref. */
export const kindOf = (r: string): string => r.slice(0, r.indexOf(':'));
export const nameOf = (r: string): string => r.slice(r.indexOf(':') + 1);
