/**
 * A flat map of span attributes ({"gen_ai.operation.name": "chat", "llm.model_name": …}), as
 * OpenInference's GenAI converter fixtures and many "copy attributes" UIs give them. It has no
 * timestamp and no ids: the span is placed at import time (ctx.now) and its ids are a digest of
 * its content, so importing the same file twice stores it once.
 */
import { createHash } from 'node:crypto';
import type { EventInput } from '../../shared/events';
import { isRecord } from './fields';
import { mapSpan } from './genai/map-span';
import type { MapOptions } from './model';

const PREFIX = /^(gen_ai\.|llm\.|openinference\.|tool\.|embedding\.)/;

export function isAttributeMap(doc: unknown): doc is Record<string, unknown> {
  if (!isRecord(doc)) return false;
  const keys = Object.keys(doc);
  if (keys.length === 0 || keys.length > 10_000 || !keys.some((k) => PREFIX.test(k))) return false;
  return keys.every((k) => {
    const v = doc[k];
    return v === null || typeof v !== 'object' || (Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object'));
  });
}

export function mapAttributeMap(doc: Record<string, unknown>, now: number, opts: MapOptions): EventInput {
  const hash = createHash('sha256').update(JSON.stringify(doc)).digest('hex');
  return mapSpan(
    {
      service: 'unknown_service',
      traceId: hash.slice(0, 32),
      spanId: hash.slice(32, 48),
      parentSpanId: '',
      name: typeof doc['gen_ai.operation.name'] === 'string' ? doc['gen_ai.operation.name'] : 'span',
      kind: 'client',
      startMs: now,
      durMs: 0,
      statusError: false,
      statusMessage: '',
      attrs: doc,
      events: [],
      linkCount: 0,
      scope: '',
    },
    opts,
  );
}
