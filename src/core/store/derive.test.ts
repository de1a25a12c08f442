import { describe, expect, it } from 'vitest';
import type { LlmCall } from '../../shared/events';
import { displayName, statusOf, toRow } from './derive';

const call = (over: Partial<LlmCall>): LlmCall => ({
  kind: 'llm_call',
  ts: 1_773_456_420_000,
  service: 'support-agent',
  provider: 'vllm',
  model: 'llama-3.1-70b-instruct',
  operation: 'chat',
  inputTokens: 1200,
  outputTokens: 300,
  costUsd: 0.0005,
  latencyMs: 2400,
  status: 'ok',
  ...over,
});

describe('derived columns', () => {
  it('flags an LLM reply whose structured output did not parse, even though the call succeeded', () => {
    expect(statusOf(call({ outputValid: true }))).toBe('ok');
    expect(statusOf(call({}))).toBe('ok');
    expect(statusOf(call({ outputValid: false }))).toBe('warn');
    expect(statusOf(call({ status: 'error', outputValid: false }))).toBe('error');
  });

  it('takes the latency as the duration of an LLM call without one, and sums tokens', () => {
    const row = toRow(call({}));
    expect(row[1]).toBe(2400);
    expect(row[9]).toBe(1500);
    expect(displayName(call({}))).toBe('llama-3.1-70b-instruct');
  });
});
