/**
 * The provider's discovery document and JWKS: fetched with a timeout, a size limit and no
 * redirects; the document's issuer must equal the configured one exactly (OpenID Connect
 * Discovery 4.3) and its endpoints must be https (or http on loopback), and it must offer S256.
 */
import { z } from 'zod';
import { Jwks, OidcError, type Jwk } from './oidc-jwt';

const MAX_BYTES = 512 * 1024;
const TIMEOUT_MS = 10_000;

export const ProviderMetadata = z
  .object({
    issuer: z.string().url(),
    authorization_endpoint: z.string().url(),
    token_endpoint: z.string().url(),
    jwks_uri: z.string().url(),
    code_challenge_methods_supported: z.array(z.string()).optional(),
    id_token_signing_alg_values_supported: z.array(z.string()).optional(),
  })
  .passthrough();
export type ProviderMetadata = z.infer<typeof ProviderMetadata>;

export function isSafeEndpoint(u: string): boolean {
  try {
    const url = new URL(u);
    return url.protocol === 'https:' || (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname));
  } catch {
    return false;
  }
}

export async function readLimited(res: Response, limit: number = MAX_BYTES): Promise<string> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) throw new OidcError('discovery_failed', `The provider's answer is larger than ${limit} bytes`);
  const reader = res.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new OidcError('discovery_failed', `The provider's answer is larger than ${limit} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function getJson(url: string, what: string): Promise<unknown> {
  if (!isSafeEndpoint(url)) throw new OidcError('discovery_failed', `The ${what} URL ${url} is not https`);
  let res: Response;
  try {
    res = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(TIMEOUT_MS), headers: { Accept: 'application/json' } });
  } catch (err) {
    throw new OidcError('discovery_failed', `Cannot fetch the ${what} from ${url}: ${(err as Error).message}`);
  }
  const text = await readLimited(res);
  if (!res.ok) throw new OidcError('discovery_failed', `The ${what} at ${url} answered HTTP ${res.status}`);
  try {
    return JSON.parse(text);
  } catch {
    throw new OidcError('discovery_failed', `The ${what} at ${url} is not JSON`);
  }
}

export async function discover(issuer: string): Promise<ProviderMetadata> {
  const url = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  const parsed = ProviderMetadata.safeParse(await getJson(url, 'discovery document'));
  if (!parsed.success) throw new OidcError('discovery_failed', `The discovery document at ${url} lacks ${parsed.error.issues[0]?.path.join('.') ?? 'fields'}`);
  const m = parsed.data;
  if (m.issuer !== issuer) throw new OidcError('discovery_failed', `The discovery document names the issuer ${m.issuer}, not ${issuer}`);
  for (const e of [m.authorization_endpoint, m.token_endpoint, m.jwks_uri]) {
    if (!isSafeEndpoint(e)) throw new OidcError('discovery_failed', `The provider's endpoint ${e} is not https`);
  }
  if (m.code_challenge_methods_supported && !m.code_challenge_methods_supported.includes('S256')) {
    throw new OidcError('discovery_failed', 'The provider does not support PKCE with S256');
  }
  return m;
}

export async function fetchJwks(uri: string): Promise<Jwk[]> {
  const parsed = Jwks.safeParse(await getJson(uri, 'JWKS'));
  if (!parsed.success) throw new OidcError('discovery_failed', `The JWKS at ${uri} is not a key set`);
  return parsed.data.keys;
}
