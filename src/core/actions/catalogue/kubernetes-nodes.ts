/** Kubernetes node actions: cordon, and drain (cordon, then one policy/v1 eviction per pod, bounded). */
import { z } from 'zod';
import { defineAction } from './define';
import { auth, dryRunQuery, MAX_EVICTIONS, nodeUrl } from './kubernetes-common';
import { K8sName, K8sNamespace } from './names';
import { read, request, urlOf } from './request';
import type { K8sTarget } from './targets';
import type { Check, RenderedRequest } from './types';

const cordonRequest = (t: K8sTarget, node: string, dryRun: boolean): RenderedRequest =>
  request('PATCH', nodeUrl(t, node, dryRunQuery(dryRun)), { ...auth(t), 'content-type': 'application/strategic-merge-patch+json' }, { spec: { unschedulable: true } });

const schedulable = (t: K8sTarget, node: string): Check => ({
  description: `node ${node} is still schedulable`,
  read: read(nodeUrl(t, node), auth(t)),
  expect: { pointer: '/spec/unschedulable', op: 'ne', value: true },
});

const cordoned = (t: K8sTarget, node: string): Check => ({
  description: `node ${node} is unschedulable`,
  read: read(nodeUrl(t, node), auth(t)),
  expect: { pointer: '/spec/unschedulable', op: 'eq', value: true },
});

export const k8sCordon = defineAction({
  id: 'k8s.cordon',
  title: 'Cordon a node',
  description: 'Marks a node unschedulable: running pods stay, no new pod lands on it.',
  targetKind: 'k8s',
  params: z.object({ node: K8sName }).strict(),
  filledAtPreview: [],
  risk: 'medium',
  mutates: true,
  dryRun: true,
  bounds: ['one node per action'],
  preconditions: ['the node is still schedulable'],
  verification: ['the node reports spec.unschedulable = true'],
  render: (p, t, o) => ({ requests: [cordonRequest(t, p.node, o.dryRun)], preconditions: [schedulable(t, p.node)], verification: [cordoned(t, p.node)] }),
});

const Pod = z.object({ namespace: K8sNamespace, name: K8sName }).strict();

export const k8sDrain = defineAction({
  id: 'k8s.drain',
  title: 'Drain a node',
  description:
    'Cordons a node, then evicts the listed pods through the Eviction API, so PodDisruptionBudgets are honoured (DaemonSet and mirror pods are left, as `kubectl drain` leaves them).',
  targetKind: 'k8s',
  params: z
    .object({
      node: K8sName,
      /** The pods on the node at preview time, DaemonSet and mirror pods excluded. */
      pods: z.array(Pod).max(MAX_EVICTIONS),
      grace_period_seconds: z.number().int().min(0).max(600).optional(),
    })
    .strict(),
  filledAtPreview: ['pods'],
  risk: 'high',
  mutates: true,
  dryRun: true,
  bounds: ['one node per action', `at most ${MAX_EVICTIONS} evictions`],
  preconditions: ['the node is still schedulable', 'the pods on the node are the ones shown at approval'],
  verification: ['the node is unschedulable', 'none of the evicted pods runs on the node', 'their workloads are back to their ready counts elsewhere'],
  check: (p) => {
    const seen = new Set<string>();
    return p.pods.flatMap((pod, i) => {
      const key = `${pod.namespace}/${pod.name}`;
      if (seen.has(key)) return [{ path: ['pods', i], message: `${key} is listed twice` }];
      seen.add(key);
      return [];
    });
  },
  render: (p, t, o) => {
    const h = auth(t);
    const onNode = read(urlOf(t.api_server, ['api', 'v1', 'pods'], { fieldSelector: `spec.nodeName=${p.node}` }), h);
    const evictions = p.pods.map((pod) =>
      request('POST', urlOf(t.api_server, ['api', 'v1', 'namespaces', pod.namespace, 'pods', pod.name, 'eviction'], dryRunQuery(o.dryRun)), { ...h, 'content-type': 'application/json' }, {
        apiVersion: 'policy/v1',
        kind: 'Eviction',
        metadata: { name: pod.name, namespace: pod.namespace },
        ...(p.grace_period_seconds !== undefined ? { deleteOptions: { gracePeriodSeconds: p.grace_period_seconds } } : {}),
      }),
    );
    return {
      requests: [cordonRequest(t, p.node, o.dryRun), ...evictions],
      preconditions: [
        schedulable(t, p.node),
        { description: `the pods on ${p.node} are still: ${p.pods.map((x) => `${x.namespace}/${x.name}`).join(', ') || 'none to evict'}`, read: onNode, expect: null },
      ],
      verification: [
        cordoned(t, p.node),
        { description: `none of the ${p.pods.length} evicted pods is still on ${p.node}`, read: onNode, expect: null },
      ],
    };
  },
});
