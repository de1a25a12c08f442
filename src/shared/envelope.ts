import { z } from 'zod';

export const ErrorCode = z.enum(['bad_input', 'unknown_channel', 'not_found', 'forbidden', 'unauthorized', 'internal']);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ContractError = z.object({
  code: ErrorCode,
  message: z.string(),
  /** Field-level problems for bad_input: where and what. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ContractError = z.infer<typeof ContractError>;

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ContractError };

export const ok = <T>(value: T): Envelope<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, issues?: ContractError['issues']): Envelope<never> => ({
  ok: false,
  error: issues ? { code, message, issues } : { code, message },
});

/** Thrown by core services to signal an expected failure that maps onto an error code. */
export class ContractFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ContractFailure';
  }
}
