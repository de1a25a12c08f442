/** node_exporter, cAdvisor and kube-state-metrics basics. */
import type { MetricPack } from './types';

export const infraPack: MetricPack = {
  id: 'infra',
  label: 'Nodes and pods (node_exporter, cAdvisor, kube-state-metrics)',
  queries: [
    {
      id: 'node.cpu',
      promql: '1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[$range]))',
      name: 'node_cpu_utilisation',
      lane: 'infra',
      unit: 'ratio',
      value: 'plain',
    },
    { id: 'node.mem_available', promql: 'node_memory_MemAvailable_bytes', name: 'node_memory_MemAvailable_bytes', lane: 'infra', unit: 'bytes', value: 'plain' },
    {
      id: 'pod.cpu',
      promql: 'sum by (namespace, pod) (rate(container_cpu_usage_seconds_total{container!="", container!="POD"}[$range]))',
      name: 'container_cpu_usage:rate',
      lane: 'infra',
      unit: 'cores',
      value: 'plain',
    },
    {
      id: 'pod.memory',
      promql: 'sum by (namespace, pod) (container_memory_working_set_bytes{container!="", container!="POD"})',
      name: 'container_memory_working_set_bytes',
      lane: 'infra',
      unit: 'bytes',
      value: 'plain',
    },
    { id: 'pod.restarts', promql: 'kube_pod_container_status_restarts_total', name: 'kube_pod_container_status_restarts_total', lane: 'infra', unit: 'restarts', value: 'plain' },
    {
      id: 'pod.oomkilled',
      promql: 'kube_pod_container_status_last_terminated_reason{reason="OOMKilled"}',
      name: 'kube_pod_container_status_last_terminated_reason',
      lane: 'infra',
      value: 'plain',
    },
  ],
};
