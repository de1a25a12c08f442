/**
 * Organisation sign-in settings (the `oidc` section of governance.json): the provider, this
 * client, and which provider subject is which local operator. Only subjects listed here can sign
 * in; the mapping is by the ID token's `sub` (stable), never by a display name or e-mail.
 */
import { z } from 'zod';

/** https, or http on a loopback address (a provider on this machine, as in the tests). */
const IssuerUrl = z
  .string()
  .url()
  .max(2048)
  .refine((u) => {
    const url = new URL(u);
    return url.protocol === 'https:' || (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname));
  }, 'the issuer must be https (or http on 127.0.0.1)');

export const OidcConfig = z
  .object({
    issuer: IssuerUrl,
    clientId: z.string().min(1).max(256),
    /** Public clients (RFC 8252) have none; some providers still issue one to desktop apps. */
    clientSecret: z.string().min(1).max(1024).optional(),
    scopes: z.array(z.string().regex(/^[\x21-\x7e]+$/).max(64)).max(16).default(['openid']),
    /** ID token `sub` → local operator name. */
    subjects: z.record(z.string().min(1).max(255), z.string().min(1).max(64)),
    /** Accepted clock skew for exp / iat / nbf, in seconds (default 60, at most 300). */
    clockSkewSeconds: z.number().int().min(0).max(300).default(60),
    /** How long the loopback listener waits for the browser to come back (default 300 s). */
    timeoutSeconds: z.number().int().min(10).max(1800).default(300),
  })
  .strict();
export type OidcConfig = z.infer<typeof OidcConfig>;
