/**
 * Routes served by the local receiver (OTLP/HTTP on 127.0.0.1:4318 by default, alert webhooks on
 * the same listener). The server (./server.ts) owns sockets, body limits, gzip, the bounded write
 * queue and overload answers; a route only maps a decoded body onto the store.
 */
export interface ReceiverRequest {
  method: string;
  /** Path without the query string, e.g. '/v1/traces' or '/webhooks/alertmanager'. */
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string | undefined>;
  /** The body as received on the wire (before gzip decoding): signatures are computed over this. */
  rawBody: Buffer;
  /** The decoded body (gzip removed). */
  body: Buffer;
}

export interface ReceiverResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

export interface ReceiverRoute {
  method: 'POST' | 'GET';
  /** Exact path, or a pattern (e.g. /^\/webhooks\/([a-z]+)$/). */
  path: string | RegExp;
  /** Overrides the server's default body limit. */
  maxBodyBytes?: number;
  handle(req: ReceiverRequest): Promise<ReceiverResponse> | ReceiverResponse;
}
