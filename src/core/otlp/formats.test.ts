import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { expect, it } from 'vitest';
import { EventInput, MetricSeriesInput, type AgentAction, type LlmCall } from '../../shared/events';
import { describeFixtures, fixturePath, readFixture } from '../testing/fixtures';
import type { ParsedBatch, ParsedInput } from '../import/formats/types';
import { otlpFormats } from './formats';

const NOW = Date.UTC(2026, 2, 14, 2, 47);

function importJson(rel: string): { id: string; batch: ParsedBatch } {
  const input: ParsedInput = { kind: 'json', doc: JSON.parse(readFixture(rel)) as unknown, skippedLines: 0 };
  const claimed = otlpFormats.filter((f) => f.detect(input));
  expect(claimed.map((f) => f.id), rel).toHaveLength(1);
  const f = claimed[0]!;
  const batch = f.parse(input, { now: NOW });
  for (const e of batch.events) expect(EventInput.safeParse(e).success, `${rel}: ${JSON.stringify(e).slice(0, 300)}`).toBe(true);
  for (const s of batch.series) expect(MetricSeriesInput.safeParse(s).success).toBe(true);
  return { id: f.id, batch };
}

const llm = (b: ParsedBatch): LlmCall[] => b.events.filter((e): e is LlmCall => e.kind === 'llm_call');
const tools = (b: ParsedBatch): AgentAction[] => b.events.filter((e): e is AgentAction => e.kind === 'agent_action' && e.tool !== 'invoke_agent');

describeFixtures('OTLP and GenAI import formats on the shared fixtures', () => {
  it('parses every OTLP/JSON fixture with the right format', () => {
    for (const name of readdirSync(fixturePath('otlp_json')).filter((n) => n.endsWith('.json'))) {
      const { id, batch } = importJson(`otlp_json/${name}`);
      expect(id).toMatch(/^otlp-json-(traces|logs|metrics)$/);
      expect(batch.events.length + batch.series.length, name).toBeGreaterThan(0);
    }
  });

  it('maps the official trace example: service, ids, kind, duration, scope', () => {
    const { batch } = importJson('otlp_json/otel-proto_trace.json');
    expect(batch.events).toHaveLength(1);
    const s = batch.events[0]!;
    expect(s).toMatchObject({ kind: 'span', service: 'my.service', traceId: '5b8efff798038103d269b633813fc60c', spanId: 'eee19b7ec3c1b174', parentSpanId: 'eee19b7ec3c1b173', name: "I'm a server span", spanKind: 'server', ts: 1544712660000, durMs: 1000 });
    expect(s.attrs).toMatchObject({ 'my.span.attr': 'some value', 'otel.scope.name': 'my.library' });
  });

  it('summarises Jaeger span events and links in attributes', () => {
    const { batch } = importJson('otlp_json/jaeger_link_attributes_trace.json');
    expect(batch.events.some((e) => e.attrs?.['otel.links.count'] === 3)).toBe(true);
    const ex = importJson('otlp_json/jaeger_example_trace.json').batch;
    expect(ex.events.map((e) => e.service).sort()).toEqual(['example-service-1', 'example-service-1', 'example-service-1', 'example-service-2', 'example-service-3']);
    expect(ex.events.every((e) => e.attrs?.['otel.events.count'] === 2)).toBe(true);
  });

  it('maps logs: severity, body, typed attributes, trace context', () => {
    const { batch } = importJson('otlp_json/otel-proto_logs.json');
    expect(batch.events[0]).toMatchObject({ kind: 'log', severity: 'info', body: 'Example log record', traceId: '5b8efff798038103d269b633813fc60c', ts: 1544712660300 });
    expect(batch.events[0]!.attrs).toMatchObject({ 'int.attribute': 10, 'double.attribute': 637.704, 'boolean.attribute': true, 'array.attribute': '["many","values"]' });
    const ev = importJson('otlp_json/otel-proto_events.json').batch.events[0]!;
    expect(ev.attrs?.['event.name']).toBe('browser.page_view');
    expect(ev.kind === 'log' && ev.body).toContain('guidgenerator');
  });

  it('maps metrics: gauge, sum, histogram count/sum', () => {
    const { batch } = importJson('otlp_json/otel-proto_metrics.json');
    const byName = new Map(batch.series.map((s) => [s.name, s]));
    expect(byName.get('my.counter')?.points).toEqual([[1544712660300, 5]]);
    expect(byName.get('my.gauge')?.points).toEqual([[1544712660300, 10]]);
    expect(byName.get('my.histogram_count')?.points).toEqual([[1544712660300, 2]]);
    expect(byName.get('my.exponential.histogram_sum')?.points).toEqual([[1544712660300, 10]]);
    expect(byName.get('my.gauge')?.labels).toEqual({ service: 'my.service', 'my.gauge.attr': 'some value' });
  });

  it('parses every Langfuse export, and reads models, tokens and tools from them', () => {
    const dir = 'genai_traces/langfuse_framework_traces';
    for (const name of readdirSync(fixturePath(dir))) {
      const { id, batch } = importJson(`${dir}/${name}`);
      expect(id).toBe('langfuse-trace');
      expect(batch.events.length).toBeGreaterThan(0);
    }
    const tools4 = importJson(`${dir}/pydantic-ai-tools-2025-12-04.trace.json`).batch;
    const calls = llm(tools4);
    expect(calls).toHaveLength(4);
    const c = calls.find((x) => x.inputTokens === 417)!;
    expect(c).toMatchObject({ provider: 'openai', model: 'gpt-4o-mini-2024-07-18', outputTokens: 53, finishReason: 'stop', operation: 'chat' });
    expect(c.costUsd).toBeCloseTo((417 * 0.15 + 53 * 0.6) / 1e6, 12);
    expect(tools(tools4).map((t) => t.tool).sort()).toEqual(['get_dad_joke_suggestion', 'get_one_liner_suggestion', 'get_pun_suggestion']);
    const adk = importJson(`${dir}/google-adk-2025-08-28.trace.json`).batch;
    expect(llm(adk).map((x) => [x.model, x.inputTokens, x.outputTokens, x.provider])).toContainEqual(['gemini-2.0-flash', 39, 6, 'gcp.vertex.agent']);
    expect(tools(adk).map((t) => t.tool)).toEqual(['say_hello']);
    const ms = importJson(`${dir}/microsoft-agent-2025-12-17.trace.json`).batch;
    expect(llm(ms).map((x) => [x.model, x.inputTokens, x.outputTokens]).sort()).toEqual([['gpt-5-mini-2025-08-07', 216, 20], ['gpt-5-mini-2025-08-07', 77, 86]]);
    expect(ms.events.some((e) => e.kind === 'agent_action' && e.tool === 'invoke_agent')).toBe(true);
    const lg = importJson(`${dir}/langgraph-python-2025-08-22.trace.json`).batch;
    expect(llm(lg).map((x) => [x.model, x.inputTokens, x.outputTokens]).sort()).toEqual([['gpt-4o-2024-08-06', 108, 51], ['gpt-4o-2024-08-06', 60, 15]]);
    const agno = importJson(`${dir}/agno-2025-06-11.trace.json`).batch;
    expect(tools(agno).map((t) => t.tool)).toContain('duckduckgo_search');
    const vercel = importJson(`${dir}/vercel-aisdk-2025-11-17.trace.json`).batch;
    expect(tools(vercel).map((t) => t.tool)).toEqual(['getWeather']);
    expect(llm(vercel).find((x) => x.model === 'gpt-5-2025-08-07')).toMatchObject({ inputTokens: 62, outputTokens: 85, finishReason: 'tool-calls' });
  });

  it('maps the OpenInference / OTel GenAI attribute fixtures (current and deprecated names)', () => {
    const dir = 'genai_traces/openinference_genai_fixtures';
    const oi = importJson(`${dir}/openinference_client_span_tool_calls.json`);
    expect(oi.id).toBe('genai-attributes');
    expect(llm(oi.batch)[0]).toMatchObject({ provider: 'openai', model: 'gpt-4-0613', inputTokens: 97, outputTokens: 52, ts: NOW });
    expect(llm(oi.batch)[0]!.costUsd).toBeCloseTo((97 * 30 + 52 * 60) / 1e6, 12);
    const cur = llm(importJson(`${dir}/otel_genai_client_span_tool_calls.json`).batch)[0]!;
    expect(cur).toMatchObject({ model: 'gpt-4-0613', operation: 'chat', finishReason: 'stop', inputTokens: 97, outputTokens: 52 });
    expect(cur.inputPreview).toContain('Weather in Paris?');
    const dep = llm(importJson(`${dir}/otel_genai_deprecated_client_span_tool_calls.json`).batch)[0]!;
    expect(dep.inputPreview).toContain('Weather in Paris?');
    expect(dep.outputPreview).toContain('rainy');
    const tool = tools(importJson(`${dir}/otel_genai_tool_execution_span.json`).batch)[0]!;
    expect(tool).toMatchObject({ tool: 'get_weather', outcome: 'ok', argsDigest: 'sha256:' + createHash('sha256').update('{"city": "New York"}').digest('hex') });
    expect(tool.attrs?.['gen_ai.tool.call.id']).toBe('1234');
    importJson(`${dir}/openinference_client_span_input_output_only.json`);
  });
});
