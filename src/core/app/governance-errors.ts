/**
 * Sign-in and journal failures as contract errors, for the governance module and any feature
 * that asks who is signed in (`ctx.auth.require`) or records through `ctx.journal`. Messages are
 * the ones the person can act on; why credentials failed (wrong name, password or code) is never
 * told apart, so the answer does not help guessing.
 */
import { ContractFailure, type ErrorCode } from '../../shared/envelope';
import { OperatorsFileError } from '../auth/operators-storage';
import { AuthError, type AuthErrorCode } from '../auth/errors';
import { JournalError } from '../journal/db';

function authCode(code: AuthErrorCode): ErrorCode {
  switch (code) {
    case 'bad_credentials':
    case 'locked_out':
    case 'no_session':
    case 'session_locked':
    case 'session_expired':
    case 'grant_expired':
    case 'grant_used':
    case 'wrong_operator':
      return 'unauthorized';
    case 'disabled':
    case 'not_permitted':
      return 'forbidden';
    case 'weak_password':
    case 'invalid_name':
    case 'duplicate':
    case 'reason_required':
      return 'bad_input';
    case 'not_found':
      return 'not_found';
  }
}

function journalCode(code: JournalError['code']): ErrorCode {
  switch (code) {
    case 'locked':
    case 'wrong_passphrase':
    case 'no_key':
      return 'unauthorized';
    case 'invalid':
      return 'bad_input';
    case 'not_found':
      return 'not_found';
    case 'not_a_journal':
    case 'damaged':
      return 'internal';
  }
}

/** The contract error for an expected failure, or null for anything else (it stays internal). */
export function governanceFailure(err: unknown): ContractFailure | null {
  if (err instanceof ContractFailure) return err;
  if (err instanceof AuthError) return new ContractFailure(authCode(err.code), err.message);
  if (err instanceof JournalError) return new ContractFailure(journalCode(err.code), err.message);
  if (err instanceof OperatorsFileError) return new ContractFailure('internal', err.message);
  return null;
}

export async function mapGovernance<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw governanceFailure(err) ?? err;
  }
}
