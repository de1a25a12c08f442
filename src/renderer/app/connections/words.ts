/** Connection facts in words: probe results, auth types, kinds. */
import type { ConnectionView, ProbeErrorCode, ProbeResult, SourceKind } from '../../../shared/connections';

const ERROR_WORDS: Record<ProbeErrorCode, string> = {
  dns: 'DNS lookup failed',
  refused: 'Connection refused',
  tls: 'TLS error',
  unauthorized: 'Unauthorized (401)',
  forbidden: 'Forbidden (403)',
  timeout: 'Timed out',
  bad_shape: 'Unexpected answer (wrong API or URL?)',
  http: 'HTTP error',
  network: 'Network error',
};

export function probeHeadline(r: ProbeResult): string {
  return r.ok ? `OK · ${Math.round(r.latencyMs)} ms` : ERROR_WORDS[r.code];
}

export function probeDetail(r: ProbeResult): string {
  return r.ok ? r.detail : r.message;
}

export const AUTH_WORDS: Record<ConnectionView['authType'], string> = {
  none: 'no auth',
  bearer: 'bearer token',
  basic: 'basic auth',
  apiKey: 'API key',
  clientCert: 'client certificate',
};

export const KIND_WORDS: Record<SourceKind, string> = {
  prometheus: 'Prometheus',
  victoriametrics: 'VictoriaMetrics',
  loki: 'Loki',
  datadog: 'Datadog',
  kubernetes: 'Kubernetes',
  argocd: 'Argo CD',
  github: 'GitHub',
  alertmanager: 'Alertmanager',
};

export function authSummary(c: Pick<ConnectionView, 'authType' | 'headerNames'>): string {
  return c.headerNames.length ? `${AUTH_WORDS[c.authType]} + headers ${c.headerNames.join(', ')}` : AUTH_WORDS[c.authType];
}
