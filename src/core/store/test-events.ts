/** Small event factories for the store's tests. */
import type { EventInput } from '../../shared/events';

export function llm(ts: number, o: Partial<Extract<EventInput, { kind: 'llm_call' }>> = {}): EventInput {
  return {
    kind: 'llm_call', ts, service: 'chat', provider: 'openai', model: 'gpt-x', operation: 'chat',
    inputTokens: 10, outputTokens: 5, costUsd: 0.001, latencyMs: 100, status: 'ok', ...o,
  };
}

export function log(ts: number, severity: 'info' | 'warn' | 'error', body = 'hello', o: Partial<Extract<EventInput, { kind: 'log' }>> = {}): EventInput {
  return { kind: 'log', ts, service: 'api', severity, body, ...o };
}

export function span(ts: number, o: Partial<Extract<EventInput, { kind: 'span' }>> = {}): EventInput {
  return { kind: 'span', ts, service: 'api', name: 'GET /x', spanKind: 'server', status: 'ok', durMs: 5, ...o };
}

export function tool(ts: number, outcome: 'ok' | 'error' | 'timeout' = 'ok', o: Partial<Extract<EventInput, { kind: 'agent_action' }>> = {}): EventInput {
  return { kind: 'agent_action', ts, service: 'agent', agent: 'triage', tool: 'search', argsDigest: 'abc', outcome, ...o };
}
