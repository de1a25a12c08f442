/** What a route throws to get a specific answer from the receiver server. */

/** The request is wrong (malformed body, unsupported content type…): 400 (or `status`) with the message. */
export class ReceiverInputError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 413 | 415 = 400,
  ) {
    super(message);
    this.name = 'ReceiverInputError';
  }
}

/** The store cannot take the write now (busy, closing): 503 with Retry-After, the client retries. */
export class ReceiverBusyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReceiverBusyError';
  }
}
