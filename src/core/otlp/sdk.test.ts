/** The real OpenTelemetry JS SDK (not written here) exporting GenAI spans and logs to the receiver. */
import { afterEach, describe, expect, it } from 'vitest';
import { OTLPTraceExporter as HttpExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { BasicTracerProvider, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { SeverityNumber } from '@opentelemetry/api-logs';
import { context, SpanStatusCode, trace } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { Receiver } from '../receiver/server';
import { allEvents, startOtlp, testContext } from './test-helpers';

let receiver: Receiver | null = null;
afterEach(async () => {
  await receiver?.close();
  receiver = null;
});

async function exportGenAiSpans(exporter: SpanExporter): Promise<void> {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'support-agent' }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('sitrep-test', '1.0.0');
  {
    // No global context manager here: parent the children explicitly.
    const agent = tracer.startSpan('invoke_agent support');
    const parent = trace.setSpan(context.active(), agent);
    agent.setAttributes({ 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'support' });
    const chat = tracer.startSpan('chat gpt-4o-mini', { kind: 2 }, parent);
    chat.setAttributes({
      'gen_ai.operation.name': 'chat',
      'gen_ai.system': 'openai', // deprecated name of gen_ai.provider.name
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
      'gen_ai.usage.prompt_tokens': 1200, // deprecated name of input_tokens
      'gen_ai.usage.output_tokens': 300,
      'gen_ai.response.finish_reasons': ['stop'],
      'error.type': 'json_decode_error',
    });
    chat.end();
    const tool = tracer.startSpan('execute_tool get_order_status', {}, parent);
    tool.setAttributes({ 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'get_order_status', 'gen_ai.tool.call.id': 'call_1', 'gen_ai.tool.call.arguments': '{"order":"A-1"}', 'error.type': 'invalid_argument' });
    tool.setStatus({ code: SpanStatusCode.ERROR, message: 'order id must be numeric' });
    tool.end();
    agent.end();
  }
  await provider.forceFlush();
  await provider.shutdown();
}

describe('the OpenTelemetry JS SDK exporting to the receiver', () => {
  for (const [name, make] of [
    ['OTLP/HTTP JSON', (url: string) => new HttpExporter({ url: `${url}/v1/traces` })],
    ['OTLP/HTTP protobuf', (url: string) => new ProtoExporter({ url: `${url}/v1/traces` })],
  ] as const) {
    it(`${name}: stores the LLM call, the tool execution and the agent invocation`, async () => {
      const ctx = testContext();
      receiver = await startOtlp(ctx);
      await exportGenAiSpans(make(receiver.url));
      const calls = allEvents(ctx.store, ['llm_call']);
      expect(calls).toHaveLength(1);
      const c = calls[0]!;
      expect(c).toMatchObject({ kind: 'llm_call', service: 'support-agent', provider: 'openai', model: 'gpt-4o-mini-2024-07-18', operation: 'chat', inputTokens: 1200, outputTokens: 300, finishReason: 'stop', errorType: 'json_decode_error', outputValid: false });
      if (c.kind === 'llm_call') expect(c.costUsd).toBeCloseTo((1200 * 0.15 + 300 * 0.6) / 1e6, 12);
      expect(c.attrs?.['otel.scope.name']).toBe('sitrep-test');
      const actions = allEvents(ctx.store, ['agent_action']);
      const tool = actions.find((a) => a.kind === 'agent_action' && a.tool === 'get_order_status');
      expect(tool).toMatchObject({ outcome: 'invalid_args', agent: 'support-agent', traceId: c.traceId });
      expect(tool?.kind === 'agent_action' && tool.argsDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(actions.find((a) => a.kind === 'agent_action' && a.tool === 'invoke_agent')).toMatchObject({ agent: 'support', outcome: 'ok' });
    });
  }

  it('OTLP/HTTP JSON logs: stored with severity, body and trace context', async () => {
    const ctx = testContext();
    receiver = await startOtlp(ctx);
    const provider = new LoggerProvider({
      resource: resourceFromAttributes({ 'service.name': 'vllm' }),
      processors: [new SimpleLogRecordProcessor({ exporter: new OTLPLogExporter({ url: `${receiver.url}/v1/logs` }) })],
    });
    provider.getLogger('test').emit({ severityNumber: SeverityNumber.WARN, severityText: 'WARN', body: 'KV cache usage 97%', attributes: { 'gpu.id': 3 } });
    await provider.forceFlush();
    await provider.shutdown();
    const logs = allEvents(ctx.store, ['log']);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ kind: 'log', service: 'vllm', severity: 'warn', body: 'KV cache usage 97%' });
    expect(logs[0]!.attrs?.['gpu.id']).toBe(3);
  });
});
