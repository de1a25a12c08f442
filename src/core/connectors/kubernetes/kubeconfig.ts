/**
 * Reads a kubeconfig into a Connection for the connectors' HTTP client, with
 * @kubernetes/client-node's KubeConfig (the same loader kubectl-compatible tools use): the chosen
 * context (option `context`, else current-context), its cluster's server, CA and insecure flag,
 * and its user's token (or token file), client certificate (inline data or files) or basic auth.
 * Exec and auth-provider plugins are not run: Sitrep does not execute programs named in a file
 * (a clear error says so). The API calls themselves go through the connectors' bounded HTTP client
 * (./client.ts), so Kubernetes errors, limits and timeouts read like every other source's.
 */
// Loaded on first use: the library is large and every command would pay for it at start.
import type { KubeConfig } from '@kubernetes/client-node';
import { readFileSync, statSync } from 'node:fs';
import type { Connection } from '../../../shared/connections';
import { ConnectorError } from '../common/http';

const MAX_KUBECONFIG_BYTES = 1024 * 1024;

function fileText(path: string | undefined): string | undefined {
  if (!path) return undefined;
  return readFileSync(path, 'utf8');
}

async function loadConfig(path: string): Promise<KubeConfig> {
  const { KubeConfig } = await import('@kubernetes/client-node');
  const kc = new KubeConfig();
  try {
    if (statSync(path).size > MAX_KUBECONFIG_BYTES) throw new Error(`larger than ${MAX_KUBECONFIG_BYTES} bytes`);
    kc.loadFromString(readFileSync(path, 'utf8'));
    if (kc.getContexts().length === 0 && kc.getClusters().length === 0) throw new Error('it holds no clusters and no contexts');
  } catch (err) {
    throw new ConnectorError('bad_shape', `Cannot read kubeconfig ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return kc;
}

/** The connection to use: from `options.kubeconfig` when set, else the connection as given. */
export async function resolveKubeConnection(conn: Connection): Promise<Connection> {
  const path = conn.options.kubeconfig;
  if (!path) return conn;
  const kc = await loadConfig(path);
  const ctxName = conn.options.context ?? kc.getCurrentContext();
  if (!ctxName) throw new ConnectorError('bad_shape', 'kubeconfig has no current-context: set the option "context"');
  const context = kc.getContextObject(ctxName);
  if (!context) throw new ConnectorError('bad_shape', `kubeconfig has no context named "${ctxName}"`);
  const cluster = kc.getCluster(context.cluster);
  if (!cluster) throw new ConnectorError('bad_shape', `kubeconfig has no cluster named "${context.cluster}"`);
  const user = context.user ? kc.getUser(context.user) : null;
  if (context.user && !user) throw new ConnectorError('bad_shape', `kubeconfig has no user named "${context.user}"`);
  if (!cluster.server) throw new ConnectorError('bad_shape', `kubeconfig cluster of context "${ctxName}" has no server`);
  if (user?.exec !== undefined || user?.authProvider !== undefined) {
    throw new ConnectorError('unauthorized', `kubeconfig user of context "${ctxName}" uses an exec/auth-provider plugin, which Sitrep does not run: use a token or client certificate`);
  }
  let token: string | undefined;
  let cert: string | undefined;
  let key: string | undefined;
  let ca: string | undefined;
  try {
    token = user?.token;
    const tokenFile = (user as { tokenFile?: string } | null)?.tokenFile;
    if (!token && tokenFile) token = readFileSync(tokenFile, 'utf8').trim();
    cert = user?.certData ? Buffer.from(user.certData, 'base64').toString('utf8') : fileText(user?.certFile);
    key = user?.keyData ? Buffer.from(user.keyData, 'base64').toString('utf8') : fileText(user?.keyFile);
    ca = cluster.caData ? Buffer.from(cluster.caData, 'base64').toString('utf8') : fileText(cluster.caFile);
  } catch (err) {
    throw new ConnectorError('bad_shape', `kubeconfig ${path}: a file it names cannot be read: ${err instanceof Error ? err.message : String(err)}`);
  }
  const auth: Connection['auth'] = token
    ? { type: 'bearer', token }
    : cert && key
      ? { type: 'clientCert', certPem: cert, keyPem: key }
      : user?.username && user.password
        ? { type: 'basic', username: user.username, password: user.password }
        : conn.auth;
  return {
    ...conn,
    url: cluster.server,
    auth,
    tls: { ...conn.tls, ...(ca ? { caPem: ca } : {}), insecureSkipVerify: cluster.skipTLSVerify || conn.tls.insecureSkipVerify },
  };
}
