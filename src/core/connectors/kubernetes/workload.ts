/**
 * The workload a Pod (or ReplicaSet) belongs to, from its name alone:
 * - Deployment pods `<deploy>-<rs hash>-<pod suffix>` (hash: 5–10 chars of [bcdfghjklmnpqrstvwxz2-9],
 *   suffix: 5 of them) → `<deploy>`;
 * - ReplicaSets `<deploy>-<hash>` (6–10 safe chars) → `<deploy>`;
 * - DaemonSet / Job pods `<name>-<5 char suffix>` → `<name>` (any 5 of [a-z0-9]: a workload whose
 *   own last word has 5 letters, e.g. `envoy-proxy`, is ambiguous by name alone and maps to
 *   `envoy`; that is why owner references win when known);
 * - StatefulSet pods `<name>-<ordinal>` → `<name>`.
 * The alphabet is the one Kubernetes uses for generated names (no vowels, no 0/1/3 ambiguity), so
 * an ordinary word such as `api` or `worker` is never mistaken for a hash. A name with no such
 * suffix is returned unchanged. When the owner references are known, prefer them (ownerWorkload).
 */
const SAFE = '[bcdfghjklmnpqrstvwxz2456789]';
const DEPLOY_POD = new RegExp(`^(.+)-${SAFE}{5,10}-[a-z0-9]{5}$`);
const REPLICASET = new RegExp(`^(.+)-${SAFE}{6,10}$`);
const SUFFIXED = /^(.+)-[a-z0-9]{5}$/;
const STATEFUL = /^(.+)-\d+$/;

export function workloadOf(podName: string): string {
  const d = DEPLOY_POD.exec(podName);
  if (d?.[1]) return d[1];
  const r = REPLICASET.exec(podName);
  if (r?.[1]) return r[1];
  const x = SUFFIXED.exec(podName);
  if (x?.[1]) return x[1];
  const s = STATEFUL.exec(podName);
  if (s?.[1]) return s[1];
  return podName;
}

/** A ReplicaSet's name minus its pod-template hash (when the hash label is known, exactly). */
export function deploymentOfReplicaSet(rsName: string, templateHash?: string): string {
  if (templateHash && rsName.endsWith(`-${templateHash}`)) return rsName.slice(0, -templateHash.length - 1);
  return workloadOf(rsName);
}
