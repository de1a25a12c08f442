/**
 * OTLP/protobuf bodies ↔ plain objects shaped like OTLP/JSON (ids stay bytes, 64-bit integers
 * become numbers: exact to 2^53, timestamps to ~0.25 µs; converting them to strings costs a
 * third of the decode time), so one mapper serves both encodings.
 */
import type protobuf from 'protobufjs';
import { otlpType } from './proto-schema';

export type Signal = 'traces' | 'logs' | 'metrics';

const REQUEST: Record<Signal, string> = { traces: 'ExportTraceServiceRequest', logs: 'ExportLogsServiceRequest', metrics: 'ExportMetricsServiceRequest' };
const RESPONSE: Record<Signal, string> = { traces: 'ExportTraceServiceResponse', logs: 'ExportLogsServiceResponse', metrics: 'ExportMetricsServiceResponse' };
const types = new Map<string, protobuf.Type>();
const typeOf = (name: string): protobuf.Type => {
  let t = types.get(name);
  if (!t) {
    t = otlpType(name);
    types.set(name, t);
  }
  return t;
};

/** Decodes a request; throws an Error with protobufjs's reason ("index out of range", "invalid wire type"…). */
export function decodeRequest(signal: Signal, body: Uint8Array): unknown {
  const t = typeOf(REQUEST[signal]);
  const m = t.decode(body);
  return t.toObject(m, { longs: Number, enums: Number, defaults: false, arrays: false, oneofs: false });
}

/** Encodes a plain request object (as built by tests and the benchmark). */
export function encodeRequest(signal: Signal, obj: Record<string, unknown>): Uint8Array {
  const t = typeOf(REQUEST[signal]);
  return t.encode(t.fromObject(obj)).finish();
}

export function encodeResponse(signal: Signal, obj: Record<string, unknown>): Uint8Array {
  const t = typeOf(RESPONSE[signal]);
  return t.encode(t.fromObject(obj)).finish();
}

export function decodeResponse(signal: Signal, body: Uint8Array): unknown {
  const t = typeOf(RESPONSE[signal]);
  return t.toObject(t.decode(body), { longs: Number, defaults: false });
}

/** A google.rpc.Status (OTLP/HTTP's error body). */
export function encodeStatus(code: number, message: string): Uint8Array {
  const t = typeOf('RpcStatus');
  return t.encode(t.fromObject({ code, message })).finish();
}
