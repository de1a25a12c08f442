/**
 * Deployment rollout history from ReplicaSet and Deployment objects → ChangeEvents.
 *
 * Every ReplicaSet owned by a Deployment carries `deployment.kubernetes.io/revision`. Each
 * distinct (ReplicaSet, revision) is one rollout: a `deploy` change at the ReplicaSet's
 * creationTimestamp, `from` = the images of the next-lower revision seen, `to` = its own images.
 *
 * Rollback heuristic (documented in docs/connectors.md): Kubernetes never creates a new
 * ReplicaSet for a template it already has; `kubectl rollout undo` (or re-applying an old
 * template) bumps the OLD ReplicaSet to a new revision and records the earlier numbers in
 * `deployment.kubernetes.io/revision-history`. So a ReplicaSet is a `rollback` when it carries
 * that annotation, or when the same ReplicaSet was seen earlier in the input at a lower revision.
 * Its time is then the latest managedFields update (the moment it was re-activated), not its
 * creation.
 *
 * Scaling: two observations of the same Deployment whose spec.replicas differ while the
 * template's images are equal → a `scale` change at the later observation's last update.
 */
import type { ChangeEvent } from '../../../shared/events';
import { clampShort, clampText } from '../common/text';
import { arr, num, obj, str, strMap, time, type Obj } from './fields';
import { deploymentOfReplicaSet } from './workload';

interface RsSeen {
  ns: string;
  deployment: string;
  name: string;
  revision: number;
  images: string;
  created: number | undefined;
  updated: number | undefined;
  rollback: boolean;
  cause: string | undefined;
}

function imagesOf(o: Obj): string {
  const containers = arr(obj(obj(obj(o.spec).template).spec).containers).slice(0, 16);
  return clampShort(containers.map((c) => str(obj(c).image) ?? '?').join(', '));
}

/** The latest managedFields time: when the object was last written. */
function lastUpdate(meta: Obj): number | undefined {
  let best: number | undefined;
  for (const mf of arr(meta.managedFields).slice(0, 64)) {
    const t = time(obj(mf).time);
    if (t !== undefined && (best === undefined || t > best)) best = t;
  }
  return best;
}

export class RolloutTracker {
  private readonly rs = new Map<string, RsSeen>(); // ns/name@revision
  private readonly revOf = new Map<string, number>(); // ns/name → lowest revision seen
  private readonly deployments = new Map<string, { replicas: number; images: string }>();
  readonly changes: ChangeEvent[] = [];

  addReplicaSet(o: Obj): void {
    const meta = obj(o.metadata);
    const ann = strMap(meta.annotations);
    const revision = num(ann['deployment.kubernetes.io/revision']);
    const name = str(meta.name);
    if (revision === undefined || !name) return;
    const ns = str(meta.namespace) ?? 'default';
    const owner = arr(meta.ownerReferences).map(obj).find((r) => r.kind === 'Deployment');
    const deployment = str(owner?.name) ?? deploymentOfReplicaSet(name, strMap(meta.labels)['pod-template-hash']);
    const key = `${ns}/${name}`;
    const prevRev = this.revOf.get(key);
    if (this.rs.has(`${key}@${revision}`)) return;
    if (prevRev === undefined || revision < prevRev) this.revOf.set(key, revision);
    this.rs.set(`${key}@${revision}`, {
      ns,
      deployment,
      name,
      revision,
      images: imagesOf(o),
      created: time(meta.creationTimestamp),
      updated: lastUpdate(meta),
      rollback: ann['deployment.kubernetes.io/revision-history'] !== undefined || (prevRev !== undefined && prevRev < revision),
      cause: ann['kubernetes.io/change-cause'],
    });
  }

  addDeployment(o: Obj, now: number): void {
    const meta = obj(o.metadata);
    const name = str(meta.name);
    const replicas = num(obj(o.spec).replicas);
    if (!name || replicas === undefined) return;
    const ns = str(meta.namespace) ?? 'default';
    const images = imagesOf(o);
    const prev = this.deployments.get(`${ns}/${name}`);
    this.deployments.set(`${ns}/${name}`, { replicas, images });
    if (!prev || prev.replicas === replicas || prev.images !== images) return;
    const ts = lastUpdate(meta) ?? now;
    this.changes.push({
      kind: 'change',
      externalId: `k8s:scale:${ns}/${name}:${str(meta.resourceVersion) ?? ts}`,
      ts,
      service: name,
      changeType: 'scale',
      target: name,
      author: 'kubernetes',
      summary: `${name} scaled from ${prev.replicas} to ${replicas} replicas`,
      from: String(prev.replicas),
      to: String(replicas),
      source: 'kubernetes',
      attrs: { 'k8s.namespace': ns },
    });
  }

  /** The rollout changes, in revision order per Deployment. */
  finish(now: number): ChangeEvent[] {
    const byDeploy = new Map<string, RsSeen[]>();
    for (const r of this.rs.values()) {
      const k = `${r.ns}/${r.deployment}`;
      const list = byDeploy.get(k) ?? [];
      list.push(r);
      byDeploy.set(k, list);
    }
    const out = [...this.changes];
    for (const list of byDeploy.values()) {
      list.sort((a, b) => a.revision - b.revision);
      list.forEach((r, i) => {
        const prev = i > 0 ? list[i - 1] : undefined;
        const ts = (r.rollback ? (r.updated ?? r.created) : (r.created ?? r.updated)) ?? now;
        const verb = r.rollback ? 'rolled back to' : 'rolled out';
        const change: ChangeEvent = {
          kind: 'change',
          externalId: `k8s:rollout:${r.ns}/${r.name}:${r.revision}`,
          ts,
          service: r.deployment,
          changeType: r.rollback ? 'rollback' : 'deploy',
          target: r.deployment,
          author: 'kubernetes',
          summary: clampText(
            `${r.deployment} ${verb} revision ${r.revision} (ReplicaSet ${r.name})` +
              (prev ? `: ${prev.images} → ${r.images}` : `: ${r.images}`) +
              (r.cause ? ` — ${r.cause}` : ''),
          ),
          to: r.images,
          source: 'kubernetes',
          attrs: { 'k8s.namespace': r.ns, 'k8s.replicaset': r.name, 'k8s.revision': r.revision },
        };
        if (prev) change.from = prev.images;
        out.push(change);
      });
    }
    return out;
  }
}
