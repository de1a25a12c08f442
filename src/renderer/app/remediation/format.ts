/** Text helpers of the remediation panel. */
import type { RequestView } from '../../../shared/contract-remediation';

/** A request as an operator reads it: method and URL, headers, then the body pretty-printed. */
export function requestText(r: RequestView): string {
  const head = [`${r.method} ${r.url}`, ...Object.entries(r.headers).map(([k, v]) => `${k}: ${v}`)];
  if (r.body === null) return head.join('\n');
  let body = r.body;
  try {
    body = JSON.stringify(JSON.parse(r.body) as unknown, null, 2);
  } catch {
    // not JSON: shown as sent
  }
  return `${head.join('\n')}\n\n${body}`;
}

export const valueText = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** 24-hour UTC, like the timeline's axis: one clock for everyone in the war room. */
export function clock(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 19)} UTC`;
}

/** A starting target for an action (where it is sent), by the action id's prefix; the person edits it. */
export function targetTemplate(actionId: string, name: string | null): Record<string, unknown> {
  const kind = actionId.split('.')[0] ?? '';
  const n = name ?? kind;
  switch (kind) {
    case 'k8s':
      return { kind: 'k8s', name: n, api_server: 'https://kubernetes.example.internal:6443', token_secret: 'k8s-token' };
    case 'argocd':
      return { kind: 'argocd', name: n, base_url: 'https://argocd.example.internal', token_secret: 'argocd-token' };
    case 'alertmanager':
      return { kind: 'alertmanager', name: n, base_url: 'http://alertmanager.example.internal:9093' };
    case 'pagerduty':
      return { kind: 'pagerduty', name: n, token_secret: 'pagerduty-token', routing_key_secret: 'pagerduty-routing', from_email: 'oncall@example.com' };
    case 'slack':
      return { kind: 'slack', name: n, token_secret: 'slack-token' };
    default:
      return { kind: 'webhook', name: n, base_url: 'https://gateway.example.internal', method: 'POST', path: '/', auth: null, body: {} };
  }
}
