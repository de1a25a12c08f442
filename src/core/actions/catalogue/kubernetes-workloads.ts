/** Kubernetes workload actions: scale, rollout restart, rollout undo (apps/v1). */
import { z } from 'zod';
import { defineAction, issuesOf } from './define';
import { auth, dryRunQuery, MAX_REPLICA_STEP, MAX_REPLICAS, WORKLOAD_RESOURCE, workloadUrl } from './kubernetes-common';
import { K8sName, K8sNamespace } from './names';
import { read, request } from './request';
import type { ParamIssue } from './types';

const MAX_TEMPLATE_BYTES = 64 * 1024;

export const k8sScale = defineAction({
  id: 'k8s.scale',
  title: 'Scale a workload',
  description: 'Sets the replica count of a Deployment or StatefulSet through its scale subresource.',
  targetKind: 'k8s',
  params: z
    .object({
      namespace: K8sNamespace,
      kind: z.enum(['deployment', 'statefulset']),
      name: K8sName,
      /** The change a runbook asks for: replicas to add (or, negative, remove). */
      add_replicas: z
        .number()
        .int()
        .min(-MAX_REPLICA_STEP)
        .max(MAX_REPLICA_STEP)
        .refine((n) => n !== 0, 'a change of 0 does nothing'),
      /** The replica count now, read at preview and re-checked before dispatch. */
      current_replicas: z.number().int().min(0).max(10_000),
      /** The resulting count: current_replicas + add_replicas, within the bounds. */
      replicas: z.number().int().min(1).max(MAX_REPLICAS),
    })
    .strict(),
  filledAtPreview: ['current_replicas', 'replicas'],
  risk: 'medium',
  mutates: true,
  dryRun: true,
  bounds: [`1 ≤ replicas ≤ ${MAX_REPLICAS}`, `at most ${MAX_REPLICA_STEP} replicas added or removed at once`],
  preconditions: ['the current replica count still equals the one shown at approval'],
  verification: ['the scale subresource reports the new replica count', 'the workload has that many ready replicas'],
  check: (p) =>
    p.replicas !== p.current_replicas + p.add_replicas
      ? [{ path: ['replicas'], message: `must be current_replicas + add_replicas = ${p.current_replicas + p.add_replicas}` }]
      : [],
  render: (p, t, o) => {
    const resource = WORKLOAD_RESOURCE[p.kind];
    const h = auth(t);
    const scaleUrl = workloadUrl(t, p.namespace, resource, p.name, ['scale']);
    return {
      requests: [
        request('PATCH', workloadUrl(t, p.namespace, resource, p.name, ['scale'], dryRunQuery(o.dryRun)), { ...h, 'content-type': 'application/merge-patch+json' }, { spec: { replicas: p.replicas } }),
      ],
      preconditions: [{ description: `${p.kind} ${p.namespace}/${p.name} still has ${p.current_replicas} replicas`, read: read(scaleUrl, h), expect: { pointer: '/spec/replicas', op: 'eq', value: p.current_replicas } }],
      verification: [
        { description: `the scale of ${p.namespace}/${p.name} reports ${p.replicas} replicas`, read: read(scaleUrl, h), expect: { pointer: '/status/replicas', op: 'eq', value: p.replicas } },
        {
          description: `${p.namespace}/${p.name} has ${p.replicas} ready replicas`,
          read: read(workloadUrl(t, p.namespace, resource, p.name), h),
          expect: { pointer: '/status/readyReplicas', op: 'gte', value: p.replicas },
        },
      ],
    };
  },
});

export const k8sRolloutRestart = defineAction({
  id: 'k8s.rollout_restart',
  title: 'Restart a rollout',
  description: 'Replaces every pod of a workload, one rolling update at a time (as `kubectl rollout restart` does).',
  targetKind: 'k8s',
  params: z.object({ namespace: K8sNamespace, kind: z.enum(['deployment', 'statefulset', 'daemonset']), name: K8sName }).strict(),
  filledAtPreview: [],
  risk: 'medium',
  mutates: true,
  dryRun: true,
  bounds: ['one workload per action'],
  preconditions: ['the workload exists and no rollout is in progress'],
  verification: ['the new pod template is rolled out to every replica', 'the ready replica count is back to the desired count'],
  render: (p, t, o) => {
    const resource = WORKLOAD_RESOURCE[p.kind];
    const h = auth(t);
    const restartedAt = new Date(o.now).toISOString().replace(/\.\d{3}Z$/, 'Z');
    return {
      requests: [
        request('PATCH', workloadUrl(t, p.namespace, resource, p.name, [], dryRunQuery(o.dryRun)), { ...h, 'content-type': 'application/strategic-merge-patch+json' }, {
          spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': restartedAt } } } },
        }),
      ],
      preconditions: [
        { description: `${p.kind} ${p.namespace}/${p.name} exists`, read: read(workloadUrl(t, p.namespace, resource, p.name), h), expect: { pointer: '/metadata/name', op: 'eq', value: p.name } },
      ],
      verification: [
        {
          description: `${p.namespace}/${p.name} carries the restart annotation`,
          read: read(workloadUrl(t, p.namespace, resource, p.name), h),
          expect: { pointer: '/spec/template/metadata/annotations/kubectl.kubernetes.io~1restartedAt', op: 'eq', value: restartedAt },
        },
        {
          description: `every replica of ${p.namespace}/${p.name} is replaced and available`,
          read: read(workloadUrl(t, p.namespace, resource, p.name), h),
          expect: { pointer: '/status/unavailableReplicas', op: 'absent', value: null },
        },
      ],
    };
  },
});

/** A PodTemplateSpec as JSON: checked for `spec.containers[].name/image`, kept as given otherwise. */
const PodTemplate = z.record(z.string(), z.json());
const TemplateShape = z.looseObject({
  metadata: z.looseObject({ labels: z.record(z.string(), z.string()).optional() }).optional(),
  spec: z.looseObject({ containers: z.array(z.looseObject({ name: z.string().min(1), image: z.string().min(1) })).min(1) }),
});

export const k8sRolloutUndo = defineAction({
  id: 'k8s.rollout_undo',
  title: 'Undo a rollout',
  description:
    "Returns a Deployment to an earlier revision's pod template (what `kubectl rollout undo` does client-side), as a JSON patch that first tests the current revision.",
  targetKind: 'k8s',
  params: z
    .object({
      namespace: K8sNamespace,
      name: K8sName,
      current_revision: z.number().int().min(1),
      to_revision: z.number().int().min(1),
      /** The pod template of the ReplicaSet at `to_revision`, without its pod-template-hash label. */
      pod_template: PodTemplate,
    })
    .strict(),
  filledAtPreview: ['current_revision', 'to_revision', 'pod_template'],
  risk: 'medium',
  mutates: true,
  dryRun: true,
  bounds: ['one Deployment per action', 'only to a revision the Deployment still keeps'],
  preconditions: ['the Deployment is still at the revision shown (also tested by the patch itself)'],
  verification: ['the Deployment reports a new revision with the old template', 'all replicas are updated and ready'],
  check: (p) => {
    const out: ParamIssue[] = [];
    if (p.to_revision >= p.current_revision) out.push({ path: ['to_revision'], message: `must be earlier than the current revision ${p.current_revision}` });
    if (JSON.stringify(p.pod_template).length > MAX_TEMPLATE_BYTES) out.push({ path: ['pod_template'], message: `larger than ${MAX_TEMPLATE_BYTES} bytes` });
    const shape = TemplateShape.safeParse(p.pod_template);
    if (!shape.success) out.push(...issuesOf(shape.error, ['pod_template']));
    const labels = shape.success ? shape.data.metadata?.labels : undefined;
    if (labels && Object.hasOwn(labels, 'pod-template-hash')) out.push({ path: ['pod_template', 'metadata', 'labels'], message: 'remove the pod-template-hash label' });
    return out;
  },
  render: (p, t, o) => {
    const h = auth(t);
    const url = workloadUrl(t, p.namespace, 'deployments', p.name);
    const revision = { pointer: '/metadata/annotations/deployment.kubernetes.io~1revision' };
    return {
      requests: [
        request('PATCH', workloadUrl(t, p.namespace, 'deployments', p.name, [], dryRunQuery(o.dryRun)), { ...h, 'content-type': 'application/json-patch+json' }, [
          { op: 'test', path: '/metadata/annotations/deployment.kubernetes.io~1revision', value: String(p.current_revision) },
          { op: 'replace', path: '/spec/template', value: p.pod_template },
        ]),
      ],
      preconditions: [{ description: `${p.namespace}/${p.name} is still at revision ${p.current_revision}`, read: read(url, h), expect: { ...revision, op: 'eq', value: String(p.current_revision) } }],
      verification: [
        { description: `${p.namespace}/${p.name} moved past revision ${p.current_revision}`, read: read(url, h), expect: { ...revision, op: 'ne', value: String(p.current_revision) } },
        { description: `every replica of ${p.namespace}/${p.name} is updated`, read: read(url, h), expect: { pointer: '/status/unavailableReplicas', op: 'absent', value: null } },
      ],
    };
  },
});
