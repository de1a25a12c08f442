/**
 * Secrets enter a request only at send time: every ⟦secret:NAME⟧ of a rendered request is
 * replaced by its value from a `SecretSource` (in the app, the credential vault's connections),
 * JSON-escaped inside a body. Nothing substituted is kept, returned or journaled; messages from
 * the far side are scrubbed of every value before they leave the dispatcher.
 */
import type { RenderedRequest } from '../actions/catalogue';
import type { ConnectionService } from '../connections/service';

/** The value of a named secret, or undefined when there is none. */
export type SecretSource = (name: string) => string | undefined;

const REF = /⟦secret:([A-Za-z0-9][A-Za-z0-9_.-]{0,63})⟧/g;

export class SecretError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretError';
  }
}

export interface Filled {
  method: RenderedRequest['method'];
  url: string;
  headers: Record<string, string>;
  body: string | null;
  /** The values used, to scrub from anything that comes back. */
  values: string[];
}

function fillText(text: string, secrets: SecretSource, values: string[], escape: (v: string) => string, where: string): string {
  return text.replace(REF, (_, name: string) => {
    const v = secrets(name);
    if (v === undefined || v === '') throw new SecretError(`No value for the secret "${name}" (${where}): add it to the credential vault`);
    if (/[\r\n]/.test(v)) throw new SecretError(`The secret "${name}" contains a line break and cannot be sent in ${where}`);
    values.push(v);
    return escape(v);
  });
}

/** The request as it is sent. Throws SecretError for a missing secret or one in the URL. */
export function fillSecrets(r: RenderedRequest, secrets: SecretSource): Filled {
  if (/⟦secret:/.test(r.url)) throw new SecretError('A secret may not be placed in a URL');
  const values: string[] = [];
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.headers)) headers[k] = fillText(v, secrets, values, (x) => x, `header ${k}`);
  const body = r.body === null ? null : fillText(r.body, secrets, values, (x) => JSON.stringify(x).slice(1, -1), 'the body');
  return { method: r.method, url: r.url, headers, body, values };
}

/** Every occurrence of a secret value replaced by ‹redacted›. */
export function scrub(text: string, values: readonly string[]): string {
  let t = text;
  for (const v of values) if (v.length >= 4) t = t.split(v).join('‹redacted›');
  return t;
}

/**
 * Secrets from the credential vault: the secret NAME is the name of a connection, and its value
 * the connection's token (bearer), password (basic) or API key. Undefined while the vault is locked.
 */
export function secretsFromConnections(service: Pick<ConnectionService, 'listDecrypted'>): SecretSource {
  return (name) => {
    const conn = service.listDecrypted().find((c) => c.name === name);
    if (conn === undefined) return undefined;
    const a = conn.auth;
    switch (a.type) {
      case 'bearer':
        return a.token;
      case 'basic':
        return a.password;
      case 'apiKey':
        return a.apiKey;
      case 'none':
      case 'clientCert':
        return undefined;
    }
  };
}
