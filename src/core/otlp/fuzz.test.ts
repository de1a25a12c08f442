/** Hostile OTLP input: no crash, a clear error or a clamped value, every mapped event valid. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventInput, MetricSeriesInput } from '../../shared/events';
import { DEFAULT_PRICES } from '../connectors/common/prices';
import { mapRequest } from './routes';
import { decodeRequest, encodeRequest } from './proto';

const prices = DEFAULT_PRICES;
const span = (attrs: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] }, scopeSpans: [{ spans: [{ traceId: 'ab'.repeat(16), spanId: 'cd'.repeat(8), name: 'x', startTimeUnixNano: '1700000000000000000', endTimeUnixNano: '1700000000100000000', attributes: attrs, ...extra }] }] }],
});

function allValid(doc: unknown): void {
  for (const signal of ['traces', 'logs', 'metrics'] as const) {
    try {
      const m = mapRequest(signal, doc, prices);
      for (const e of m.events) expect(EventInput.safeParse(e).success).toBe(true);
      for (const s of m.series) expect(MetricSeriesInput.safeParse(s).success).toBe(true);
    } catch (err) {
      expect(err).toBeInstanceOf(TypeError); // wrong top level only
    }
  }
}

describe('OTLP mappers under hostile input', () => {
  it('arbitrary JSON values never crash and never produce invalid events', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => allValid(v)), { numRuns: 300 });
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 4 }), fc.jsonValue({ maxDepth: 4 }), (a, b) => allValid(span([{ key: 'gen_ai.usage.input_tokens', value: a }, { key: 'k', value: b }], { status: a, kind: b }))), { numRuns: 300 });
  });

  it('GenAI attributes of the wrong types still map to valid LLM calls', () => {
    const anyVal = fc.oneof(fc.string().map((s) => ({ stringValue: s })), fc.integer().map((i) => ({ intValue: String(i) })), fc.double().map((d) => ({ doubleValue: d })), fc.boolean().map((b) => ({ boolValue: b })));
    const keys = fc.constantFrom('gen_ai.operation.name', 'gen_ai.request.model', 'gen_ai.usage.input_tokens', 'gen_ai.usage.output_tokens', 'gen_ai.response.finish_reasons', 'gen_ai.tool.name', 'error.type', 'openinference.span.kind', 'llm.token_count.prompt', 'gen_ai.server.time_to_first_token');
    fc.assert(fc.property(fc.array(fc.record({ key: keys, value: anyVal }), { maxLength: 12 }), (attrs) => allValid(span(attrs))), { numRuns: 500 });
  });

  it('a 10 MB attribute is cut visibly; 10,000 attributes are capped at 128', () => {
    const big = 'x'.repeat(10 * 1024 * 1024);
    const many = Array.from({ length: 10_000 }, (_, i) => ({ key: `k${i}`, value: { stringValue: 'v' } }));
    const m = mapRequest('traces', span([{ key: 'huge', value: { stringValue: big } }, ...many]), prices);
    const e = m.events[0]!;
    expect(EventInput.safeParse(e).success).toBe(true);
    expect(String(e.attrs?.huge)).toMatch(/…\[truncated\]$/);
    expect(Object.keys(e.attrs ?? {})).toHaveLength(128);
    expect(e.attrs?.['sitrep.attrs_dropped']).toBeGreaterThan(9000);
  });

  it('deep nesting is bounded; invalid UTF-8 and truncated protobuf give clear errors', () => {
    let deep: Record<string, unknown> = { stringValue: 'leaf' };
    for (let i = 0; i < 5000; i++) deep = { arrayValue: { values: [deep] } };
    const m = mapRequest('traces', span([{ key: 'deep', value: deep }]), prices);
    expect(String(m.events[0]!.attrs?.deep)).toContain('[too deep]');
    const bytes = Buffer.from(encodeRequest('traces', { resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: Buffer.alloc(16, 7), spanId: Buffer.alloc(8, 9), name: 'é', startTimeUnixNano: '1700000000000000000' }] }] }] }));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bytes.length - 1 }), (cut) => {
        try {
          allValid(decodeRequest('traces', bytes.subarray(0, cut)));
        } catch (err) {
          expect(err).toBeInstanceOf(Error);
          expect((err as Error).message).not.toBe('');
        }
      }),
      { numRuns: 50 },
    );
    const invalidUtf8 = Buffer.concat([Buffer.from('{"resourceSpans":[{"scopeSpans":[{"spans":[{"name":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}]}]}]}')]);
    allValid(JSON.parse(invalidUtf8.toString('utf8')));
  });
});

describe('names of Object.prototype members in enum fields', () => {
  it('a span kind of "valueOf" or "constructor" maps to internal', () => {
    for (const kind of ['valueOf', 'constructor', '__proto__', 'toString']) {
      const m = mapRequest('traces', span([], { kind }), prices);
      for (const e of m.events) expect(EventInput.safeParse(e).success).toBe(true);
    }
  });
});
