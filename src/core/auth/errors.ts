/** Failures of operator management and sign-in, with a code callers can switch on. */
export type AuthErrorCode =
  | 'bad_credentials'
  | 'locked_out'
  | 'disabled'
  | 'weak_password'
  | 'invalid_name'
  | 'duplicate'
  | 'not_found'
  | 'no_session'
  | 'session_locked'
  | 'session_expired'
  | 'grant_expired'
  | 'grant_used'
  | 'wrong_operator'
  | 'not_permitted'
  | 'reason_required';

/** Why credentials were refused; kept for logs and tests, never shown to the person signing in. */
export type CredentialDetail = 'unknown_operator' | 'wrong_password' | 'wrong_code' | 'code_reused' | 'malformed_code';

export class AuthError extends Error {
  constructor(
    readonly code: AuthErrorCode,
    message: string,
    readonly extra: { retryAt?: number; detail?: CredentialDetail } = {},
  ) {
    super(message);
    this.name = 'AuthError';
  }
}
