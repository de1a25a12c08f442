/**
 * Connections to the user's observability and cloud accounts. The renderer only ever sees the
 * public view (`ConnectionView`): which auth is configured, never a secret.
 */
import { z } from 'zod';

export const SourceKind = z.enum([
  'prometheus', // also Thanos, Mimir: the Prometheus HTTP API
  'victoriametrics',
  'loki',
  'datadog',
  'kubernetes',
  'argocd',
  'github',
  'alertmanager',
]);
export type SourceKind = z.infer<typeof SourceKind>;

const secret = z.string().min(1).max(65_536);
export const ConnectionAuth = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  z.object({ type: z.literal('bearer'), token: secret }),
  z.object({ type: z.literal('basic'), username: z.string().max(512), password: secret }),
  /** Datadog: API key + application key. */
  z.object({ type: z.literal('apiKey'), apiKey: secret, appKey: secret.optional() }),
  /** Mutual TLS with a client certificate (PEM). */
  z.object({ type: z.literal('clientCert'), certPem: secret, keyPem: secret }),
]);
export type ConnectionAuth = z.infer<typeof ConnectionAuth>;

export const ConnectionTls = z.object({
  /** Extra CA bundle (PEM) to trust. */
  caPem: z.string().max(262_144).optional(),
  /** Off only on explicit request; the UI shows it in red. */
  insecureSkipVerify: z.boolean().default(false),
  serverName: z.string().max(512).optional(),
});

export const ConnectionInput = z.object({
  name: z.string().min(1).max(128),
  kind: SourceKind,
  url: z.string().url().max(2048),
  auth: ConnectionAuth.default({ type: 'none' }),
  tls: ConnectionTls.default({ insecureSkipVerify: false }),
  /** Custom headers (e.g. X-Scope-OrgID for Mimir). Values are treated as secrets. */
  headers: z.record(z.string().min(1).max(256), z.string().max(8192)).default({}),
  /** Source-specific options: datadog `site`, kubernetes `context`/`namespace`, argocd `app`, github `repo`, loki `selector`… */
  options: z.record(z.string().max(128), z.string().max(4096)).default({}),
  timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
});
export type ConnectionInput = z.input<typeof ConnectionInput>;
export type Connection = z.output<typeof ConnectionInput> & { id: string; createdAt: number };

export const ConnectionView = z.object({
  id: z.string(),
  name: z.string(),
  kind: SourceKind,
  url: z.string(),
  authType: z.enum(['none', 'bearer', 'basic', 'apiKey', 'clientCert']),
  headerNames: z.array(z.string()),
  options: z.record(z.string(), z.string()),
  insecureSkipVerify: z.boolean(),
  createdAt: z.number(),
});
export type ConnectionView = z.infer<typeof ConnectionView>;

/** What a connection test reports: latency, or a precise error a person can act on. */
export const ProbeErrorCode = z.enum(['dns', 'refused', 'tls', 'unauthorized', 'forbidden', 'timeout', 'bad_shape', 'http', 'network']);
export type ProbeErrorCode = z.infer<typeof ProbeErrorCode>;
export const ProbeResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), latencyMs: z.number(), detail: z.string() }),
  z.object({ ok: z.literal(false), code: ProbeErrorCode, message: z.string(), latencyMs: z.number().nullable() }),
]);
export type ProbeResult = z.infer<typeof ProbeResult>;
