/**
 * Why a bundle was refused. Every reader failure is one of these, with a message a person can act
 * on; nothing is written before the whole file has passed.
 */
export type BundleErrorCode =
  | 'not_a_bundle'
  | 'unsupported_version'
  | 'too_large'
  | 'truncated'
  | 'malformed'
  | 'bad_signature'
  | 'tampered'
  | 'wrong_passphrase'
  | 'wrong_key'
  | 'needs_key'
  | 'invalid_content'
  | 'weak_passphrase'
  | 'export_refused';

export class BundleError extends Error {
  constructor(
    readonly code: BundleErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BundleError';
  }
}
