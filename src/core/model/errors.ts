/** Failures of the model layer, with codes a caller can branch on and messages a person can act on. */
import type { ProbeErrorCode } from '../../shared/connections';

export type ModelErrorCode =
  | ProbeErrorCode
  | 'offline' // the network switch is off: nothing was sent
  | 'cancelled'
  | 'rate_limited'
  | 'not_gguf'
  | 'too_big' // will not fit in free memory
  | 'load_failed'
  | 'not_loaded'
  | 'worker' // the worker thread failed or exited
  | 'budget' // the prompt cannot fit the token budget
  | 'invalid_output'; // the model's answer did not match the schema

export class ModelError extends Error {
  readonly status: number | undefined;
  /** Request bytes that had left the machine before the failure (remote). */
  readonly bytesSent: number;
  constructor(
    readonly code: ModelErrorCode,
    message: string,
    opts: { status?: number; bytesSent?: number } = {},
  ) {
    super(message);
    this.name = 'ModelError';
    this.status = opts.status;
    this.bytesSent = opts.bytesSent ?? 0;
  }
}
