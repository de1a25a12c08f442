/**
 * Limits of the OTLP decoders and mappers (JSON and protobuf, receiver and file import alike).
 * Beyond a limit the value is cut visibly or the item is rejected with a clear message; nothing
 * is ever half-written (a request's accepted items are written in one transaction).
 *
 * - body: 16 MiB decoded by default (the receiver's maxBodyBytes; 413 beyond, gzip included);
 * - items per request: 1,000,000 spans / log records / data points (the rest are rejected);
 * - attributes: at most 127 kept per event (+ `sitrep.attrs_dropped` with the count left out);
 *   keys cut at 256 characters, string values at 16 KiB (`…[truncated]`);
 * - AnyValue nesting (arrayValue / kvlistValue): 8 levels; deeper parts become "[too deep]";
 *   arrays and kvlists: the first 1,000 entries;
 * - span events / links: summarised (count, the first 16 names) in attributes, never stored raw;
 * - ids: trace ids up to 64 hex characters, span ids up to 32 (others reject the item);
 * - timestamps: unix nanoseconds; 0 or absent start → the item is rejected (spans) or the
 *   observed time / import time is used (logs); end before start → duration 0.
 */
export const OTLP_LIMITS = {
  maxItems: 1_000_000,
  maxAttrs: 127,
  maxDepth: 8,
  maxListEntries: 1_000,
  maxEventNames: 16,
  maxTraceIdHex: 64,
  maxSpanIdHex: 32,
} as const;
