/** The add form's state and its translation into a ConnectionInput (pure, tested). */
import type { ConnectionInput, SourceKind } from '../../../shared/connections';

export type AuthChoice = 'none' | 'bearer' | 'basic' | 'apiKey' | 'clientCert';

export interface AddForm {
  name: string;
  kind: SourceKind;
  url: string;
  auth: AuthChoice;
  token: string;
  username: string;
  password: string;
  apiKey: string;
  appKey: string;
  certPem: string;
  keyPem: string;
  headerName: string;
  headerValue: string;
  caPem: string;
  serverName: string;
  insecure: boolean;
  timeoutMs: string;
  options: Record<string, string>;
}

export const emptyForm = (): AddForm => ({
  name: '',
  kind: 'prometheus',
  url: '',
  auth: 'none',
  token: '',
  username: '',
  password: '',
  apiKey: '',
  appKey: '',
  certPem: '',
  keyPem: '',
  headerName: '',
  headerValue: '',
  caPem: '',
  serverName: '',
  insecure: false,
  timeoutMs: '10000',
  options: {},
});

/** Kind-specific options, with their label and placeholder. */
export const KIND_OPTIONS: Record<SourceKind, ReadonlyArray<{ key: string; label: string; placeholder: string; choices?: readonly string[] }>> = {
  prometheus: [],
  victoriametrics: [],
  alertmanager: [],
  loki: [{ key: 'selector', label: 'Log selector', placeholder: '{namespace="prod"}' }],
  datadog: [{ key: 'site', label: 'Datadog site', placeholder: '', choices: ['datadoghq.com', 'datadoghq.eu', 'us3.datadoghq.com', 'us5.datadoghq.com', 'ap1.datadoghq.com', 'ap2.datadoghq.com', 'ddog-gov.com'] }],
  kubernetes: [
    { key: 'context', label: 'Kubeconfig context', placeholder: 'prod-cluster' },
    { key: 'kubeconfig', label: 'Kubeconfig path', placeholder: '~/.kube/config' },
    { key: 'namespace', label: 'Namespace', placeholder: 'default' },
  ],
  argocd: [{ key: 'app', label: 'Application', placeholder: 'support-agent' }],
  github: [{ key: 'repo', label: 'Repository', placeholder: 'org/repo' }],
};

export const DEFAULT_URL: Partial<Record<SourceKind, string>> = {
  github: 'https://api.github.com',
  datadog: 'https://api.datadoghq.com',
};

export const URL_PLACEHOLDER: Record<SourceKind, string> = {
  prometheus: 'https://prometheus.example.com',
  victoriametrics: 'https://victoria.example.com/select/0/prometheus',
  alertmanager: 'https://alertmanager.example.com',
  loki: 'https://loki.example.com',
  datadog: 'https://api.datadoghq.com',
  kubernetes: 'https://k8s-api.example.com:6443',
  argocd: 'https://argocd.example.com',
  github: 'https://api.github.com',
};

/** Password fields drop line breaks; a PEM pasted into one is rebuilt with its 64-column lines. */
export function normalisePem(text: string): string {
  const t = text.trim();
  if (t.includes('\n')) return t + '\n';
  const m = /^(-----BEGIN [A-Z0-9 ]+-----)\s*([A-Za-z0-9+/=\s]+?)\s*(-----END [A-Z0-9 ]+-----)$/.exec(t);
  if (!m) return t;
  const body = (m[2] ?? '').replace(/\s+/g, '').match(/.{1,64}/g) ?? [];
  return [m[1], ...body, m[3]].join('\n') + '\n';
}

/** The form as a ConnectionInput (the core validates it again). */
export function toInput(f: AddForm): ConnectionInput {
  const auth: ConnectionInput['auth'] = (() => {
    switch (f.auth) {
      case 'none':
        return { type: 'none' as const };
      case 'bearer':
        return { type: 'bearer' as const, token: f.token };
      case 'basic':
        return { type: 'basic' as const, username: f.username, password: f.password };
      case 'apiKey':
        return f.appKey ? { type: 'apiKey' as const, apiKey: f.apiKey, appKey: f.appKey } : { type: 'apiKey' as const, apiKey: f.apiKey };
      case 'clientCert':
        return { type: 'clientCert' as const, certPem: normalisePem(f.certPem), keyPem: normalisePem(f.keyPem) };
    }
  })();
  const allowed = new Set(KIND_OPTIONS[f.kind].map((o) => o.key));
  const options = Object.fromEntries(Object.entries(f.options).filter(([k, v]) => allowed.has(k) && v.trim() !== '').map(([k, v]) => [k, v.trim()]));
  const timeout = Number(f.timeoutMs);
  return {
    name: f.name.trim(),
    kind: f.kind,
    url: f.url.trim(),
    auth,
    tls: {
      insecureSkipVerify: f.insecure,
      ...(f.caPem.trim() ? { caPem: f.caPem } : {}),
      ...(f.serverName.trim() ? { serverName: f.serverName.trim() } : {}),
    },
    headers: f.headerName.trim() ? { [f.headerName.trim()]: f.headerValue } : {},
    options,
    ...(Number.isFinite(timeout) && f.timeoutMs.trim() !== '' ? { timeoutMs: Math.round(timeout) } : {}),
  };
}
