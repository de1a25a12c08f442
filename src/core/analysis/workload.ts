/**
 * Pod name → workload name, from the name alone (Kubernetes generates suffixes from the alphabet
 * below: no vowels, no 0/1/3, so ordinary words are never mistaken for a hash):
 * - Deployment pods `<deploy>-<ReplicaSet hash, 5–10>-<pod suffix, 5>` → `<deploy>`;
 * - CronJob pods `<cronjob>-<schedule time, digits>-<5>` → `<cronjob>`;
 * - DaemonSet and Job pods `<name>-<5>` → `<name>`;
 * - StatefulSet pods `<name>-<ordinal>` keep their ordinal: each is a stable member with its own
 *   volume (`statefulSetOf` gives the set's name);
 * - anything else is returned unchanged.
 */
export const K8S_SAFE = 'bcdfghjklmnpqrstvwxz2456789';
const S = `[${K8S_SAFE}]`;
const DEPLOY_POD = new RegExp(`^(.+)-${S}{5,10}-${S}{5}$`);
const CRON_POD = new RegExp(`^(.+)-\\d{6,12}-${S}{5}$`);
const SUFFIXED = new RegExp(`^(.+)-${S}{5}$`);
const ORDINAL = /^(.+)-(\d{1,5})$/;

export function podWorkload(pod: string): string {
  const m = DEPLOY_POD.exec(pod) ?? CRON_POD.exec(pod) ?? SUFFIXED.exec(pod);
  return m?.[1] ?? pod;
}

/** The StatefulSet a pod `<name>-<ordinal>` belongs to, or null. */
export function statefulSetOf(pod: string): string | null {
  const m = ORDINAL.exec(pod);
  return m?.[1] ?? null;
}
