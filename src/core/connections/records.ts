/**
 * Converting between a Connection (decrypted, core-internal), its stored form (secrets sealed)
 * and its public view (auth type and header names only).
 */
import { z } from 'zod';
import { ConnectionAuth, type Connection, type ConnectionView } from '../../shared/connections';
import type { ConnectionListItem } from '../../shared/contract-connections';
import { open, seal } from './crypto';
import { secretsAad, type StoredConnection } from './doc';

const SecretPart = z.object({ auth: ConnectionAuth, headers: z.record(z.string(), z.string()) }).strict();

export function toStored(conn: Connection, key: Buffer): StoredConnection {
  const secrets = JSON.stringify(SecretPart.parse({ auth: conn.auth, headers: conn.headers }));
  const tls: StoredConnection['tls'] = { insecureSkipVerify: conn.tls.insecureSkipVerify };
  if (conn.tls.caPem !== undefined) tls.caPem = conn.tls.caPem;
  if (conn.tls.serverName !== undefined) tls.serverName = conn.tls.serverName;
  return {
    id: conn.id,
    name: conn.name,
    kind: conn.kind,
    url: conn.url,
    tls,
    options: conn.options,
    timeoutMs: conn.timeoutMs,
    createdAt: conn.createdAt,
    authType: conn.auth.type,
    headerNames: Object.keys(conn.headers),
    secrets: seal(key, Buffer.from(secrets, 'utf8'), secretsAad(conn.id)),
  };
}

/** Throws DecryptError when the key is wrong or the sealed bytes were changed. */
export function toConnection(s: StoredConnection, key: Buffer): Connection {
  const secrets = SecretPart.parse(JSON.parse(open(key, s.secrets, secretsAad(s.id)).toString('utf8')));
  return {
    id: s.id,
    name: s.name,
    kind: s.kind,
    url: s.url,
    auth: secrets.auth,
    tls: { ...s.tls },
    headers: secrets.headers,
    options: s.options,
    timeoutMs: s.timeoutMs,
    createdAt: s.createdAt,
  };
}

export function toView(s: StoredConnection): ConnectionView {
  return {
    id: s.id,
    name: s.name,
    kind: s.kind,
    url: s.url,
    authType: s.authType,
    headerNames: s.headerNames,
    options: s.options,
    insecureSkipVerify: s.tls.insecureSkipVerify,
    createdAt: s.createdAt,
  };
}

export function toListItem(s: StoredConnection): ConnectionListItem {
  return { ...toView(s), lastTest: s.lastTest ?? null };
}

/** Every secret string of a connection, to scrub from any message before it leaves the core. */
export function secretValues(conn: Connection): string[] {
  const out: string[] = Object.values(conn.headers);
  const a = conn.auth;
  switch (a.type) {
    case 'none':
      break;
    case 'bearer':
      out.push(a.token);
      break;
    case 'basic':
      out.push(a.password, Buffer.from(`${a.username}:${a.password}`).toString('base64'));
      break;
    case 'apiKey':
      out.push(a.apiKey, ...(a.appKey ? [a.appKey] : []));
      break;
    case 'clientCert':
      out.push(a.certPem, a.keyPem);
      break;
  }
  return out.filter((v) => v.length >= 4);
}

export function scrub(text: string, secrets: readonly string[]): string {
  let t = text;
  for (const s of secrets) t = t.split(s).join('‹redacted›');
  return t;
}
