/**
 * Reads a kubeconfig file into a Connection for the connectors' HTTP client: the chosen
 * context's (option `context`, else current-context) cluster server, CA, insecure flag, and the
 * user's token, basic auth or client certificate (inline `*-data` or file paths). Exec/auth-provider
 * plugins are not run (a clear error says so). Only this subset is read: @kubernetes/client-node
 * 2.0.1 cannot load on Node 20 (its undici 8 needs Node ≥ 22.19), see docs/connectors.md.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Connection } from '../../../shared/connections';
import { ConnectorError } from '../common/http';
import { arr, isObj, obj, str, type Obj } from './fields';

const MAX_KUBECONFIG_BYTES = 1024 * 1024;

function named(list: unknown, name: string, what: string): Obj {
  const hit = arr(list).map(obj).find((e) => e.name === name);
  if (!hit) throw new ConnectorError('bad_shape', `kubeconfig has no ${what} named "${name}"`);
  return hit;
}

function dataOrFile(data: unknown, file: unknown): string | undefined {
  if (typeof data === 'string' && data) return Buffer.from(data, 'base64').toString('utf8');
  if (typeof file === 'string' && file) return readFileSync(file, 'utf8');
  return undefined;
}

/** The connection to use: from `options.kubeconfig` when set, else the connection as given. */
export function resolveKubeConnection(conn: Connection): Connection {
  const path = conn.options.kubeconfig;
  if (!path) return conn;
  let doc: unknown;
  try {
    const text = readFileSync(path, 'utf8');
    if (text.length > MAX_KUBECONFIG_BYTES) throw new Error(`larger than ${MAX_KUBECONFIG_BYTES} bytes`);
    doc = parse(text, { maxAliasCount: 100 });
  } catch (err) {
    throw new ConnectorError('bad_shape', `Cannot read kubeconfig ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!isObj(doc)) throw new ConnectorError('bad_shape', `kubeconfig ${path} is not a YAML mapping`);
  const ctxName = conn.options.context ?? str(doc['current-context']);
  if (!ctxName) throw new ConnectorError('bad_shape', 'kubeconfig has no current-context: set the option "context"');
  const ctx = obj(named(doc.contexts, ctxName, 'context').context);
  const cluster = obj(named(doc.clusters, str(ctx.cluster) ?? '', 'cluster').cluster);
  const user = obj(named(doc.users, str(ctx.user) ?? '', 'user').user);
  const server = str(cluster.server);
  if (!server) throw new ConnectorError('bad_shape', `kubeconfig cluster of context "${ctxName}" has no server`);
  if (user.exec !== undefined || user['auth-provider'] !== undefined) throw new ConnectorError('unauthorized', `kubeconfig user of context "${ctxName}" uses an exec/auth-provider plugin, which Sitrep does not run: use a token or client certificate`);
  const token = str(user.token) ?? (typeof user.tokenFile === 'string' ? readFileSync(user.tokenFile, 'utf8').trim() : undefined);
  const cert = dataOrFile(user['client-certificate-data'], user['client-certificate']);
  const key = dataOrFile(user['client-key-data'], user['client-key']);
  const ca = dataOrFile(cluster['certificate-authority-data'], cluster['certificate-authority']);
  const auth: Connection['auth'] = token
    ? { type: 'bearer', token }
    : cert && key
      ? { type: 'clientCert', certPem: cert, keyPem: key }
      : typeof user.username === 'string' && typeof user.password === 'string'
        ? { type: 'basic', username: user.username, password: user.password }
        : conn.auth;
  return { ...conn, url: server, auth, tls: { ...conn.tls, ...(ca ? { caPem: ca } : {}), insecureSkipVerify: cluster['insecure-skip-tls-verify'] === true || conn.tls.insecureSkipVerify } };
}
