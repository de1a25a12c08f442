/** PromQL text for the proposed rules: selectors with escaped values, rates, ratios, alert names. */

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Labels that name one instance (a pod, a GPU, a host): dropped so the rule covers its peers too. */
const INSTANCE_LABELS = new Set(['pod', 'pod_name', 'instance', 'UUID', 'uuid', 'Hostname', 'hostname', 'host', 'node', 'nodename', 'gpu', 'device', 'pci_bus_id', 'container_id', 'id', 'exported_pod', 'kubernetes_pod_name', 'k8s.pod.name', 'k8s.node.name']);

export const validLabelName = (k: string): boolean => LABEL_NAME.test(k) && !k.startsWith('__');

export function escapeValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** The labels every given series shares (same value), minus instance labels and names PromQL cannot write. */
export function commonSelector(labelSets: readonly Readonly<Record<string, string>>[]): Record<string, string> {
  const [first, ...rest] = labelSets;
  if (first === undefined) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(first)) {
    if (INSTANCE_LABELS.has(k) || !validLabelName(k) || v === '') continue;
    if (rest.every((l) => l[k] === v)) out[k] = v;
  }
  return Object.fromEntries(Object.entries(out).sort((a, b) => (a[0] < b[0] ? -1 : 1)));
}

/** `name{k="v",…}`, or `{__name__="name",…}` for a stored name PromQL cannot write bare (dots, dashes). */
export function selectorText(name: string, selector: Readonly<Record<string, string>>): string {
  const matchers = Object.entries(selector).map(([k, v]) => `${k}="${escapeValue(v)}"`);
  if (METRIC_NAME.test(name)) return matchers.length === 0 ? name : `${name}{${matchers.join(', ')}}`;
  return `{${[`__name__="${escapeValue(name)}"`, ...matchers].join(', ')}}`;
}

export function numberText(v: number): string {
  return String(v);
}

/** `VllmNumRequestsWaitingHigh` from `vllm:num_requests_waiting`. */
export function alertName(name: string, suffix: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
  const base = words.map((w) => (w.length === 0 ? '' : (w[0] as string).toUpperCase() + w.slice(1).toLowerCase())).join('');
  const safe = /^[A-Za-z_]/.test(base) ? base : `Metric${base}`;
  return `${safe}${suffix}`.slice(0, 200);
}
