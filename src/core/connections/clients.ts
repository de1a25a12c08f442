/**
 * Which SourceClient probes and fetches each kind of connection. Kinds whose client is not
 * listed here fall back to ./generic-probe.ts for the Test button (and fetch nothing).
 */
import type { Connection, ProbeResult, SourceKind } from '../../shared/connections';
import { alertmanagerClient } from '../connectors/alerts/client';
import { argocdClient } from '../connectors/argocd/client';
import { ConnectorError } from '../connectors/common/http';
import { datadogClient } from '../connectors/datadog/client';
import { githubClient } from '../connectors/github/client';
import { kubernetesClient } from '../connectors/kubernetes/client';
import { lokiClient } from '../connectors/loki/client';
import { prometheusClient } from '../connectors/prometheus/client';
import { genericProbe } from './generic-probe';
import type { SourceClient } from './source-client';

/** Connector clients, by kind. Add a client here when it exists. */
const CLIENTS: readonly SourceClient[] = [
  prometheusClient, // prometheus, victoriametrics
  alertmanagerClient,
  lokiClient,
  datadogClient,
  kubernetesClient,
  argocdClient,
  githubClient,
];

export function clientFor(kind: SourceKind): SourceClient | null {
  return CLIENTS.find((c) => c.kinds.includes(kind)) ?? null;
}

/** The Test button: the kind's client, else the generic probe; never throws. */
export async function probeConnection(conn: Connection, signal?: AbortSignal): Promise<ProbeResult> {
  const client = clientFor(conn.kind);
  try {
    return client ? await client.probe(conn, signal) : await genericProbe(conn, signal);
  } catch (err) {
    if (err instanceof ConnectorError) return { ok: false, code: err.code, message: err.message, latencyMs: null };
    return { ok: false, code: 'network', message: `The test failed: ${err instanceof Error ? err.message : String(err)}`, latencyMs: null };
  }
}
