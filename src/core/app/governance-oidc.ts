/**
 * Organisation sign-in as the governance module uses it: one attempt at a time; when the provider
 * comes back with a verified ID token, its subject is looked up in the configured mapping and the
 * local operator it names (enabled) is signed in at the seat that started the attempt.
 */
import type { AuthState, OidcBegin } from '../../shared/contract-governance';
import type { OidcConfig } from '../auth/oidc-config';
import { startOidcLogin, type OidcLogin } from '../auth/oidc-flow';
import { OidcError, type IdTokenClaims } from '../auth/oidc-jwt';
import type { OperatorPublic } from '../auth/operators-doc';
import type { OperatorStore } from '../auth/operators';

export interface OidcSignIn {
  /** Starts an attempt (cancelling one still open); `onSignedIn` runs when it succeeds. */
  begin(current: AuthState, onSignedIn: (operator: OperatorPublic) => void): Promise<OidcBegin>;
  close(): void;
}

/** The enabled local operator the subject maps to; throws OidcError('unmapped_subject'). */
export function operatorForSubject(cfg: OidcConfig, operators: OperatorStore, claims: IdTokenClaims): OperatorPublic {
  const name = Object.prototype.hasOwnProperty.call(cfg.subjects, claims.sub) ? cfg.subjects[claims.sub] : undefined;
  if (name === undefined) throw new OidcError('unmapped_subject', 'This organisation account is not mapped to a Sitrep operator');
  const op = operators.get(name);
  if (!op || op.disabled) throw new OidcError('unmapped_subject', `The operator "${name}" mapped to this account does not exist or is disabled`);
  return op;
}

export function createOidcSignIn(cfg: OidcConfig, operators: OperatorStore, deps: { log: (message: string, detail: unknown) => void; now: () => number }): OidcSignIn {
  let pending: OidcLogin | null = null;
  return {
    async begin(_current, onSignedIn) {
      pending?.cancel();
      const login = await startOidcLogin(cfg, { now: deps.now });
      pending = login;
      login.result.then(
        (claims) => {
          if (pending === login) pending = null;
          try {
            onSignedIn(operatorForSubject(cfg, operators, claims));
          } catch (err) {
            deps.log('[auth] organisation sign-in refused', { reason: (err as Error).message });
          }
        },
        (err: unknown) => {
          if (pending === login) pending = null;
          if (!(err instanceof OidcError && err.code === 'cancelled')) deps.log('[auth] organisation sign-in failed', { reason: (err as Error).message });
        },
      );
      return { authorizeUrl: login.authorizeUrl, expiresAt: login.expiresAt };
    },
    close() {
      pending?.cancel();
      pending = null;
    },
  };
}
