// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventDetail } from '../../../shared/contract';
import type { EventInput } from '../../../shared/events';
import { LANE_OF_KIND } from '../../../shared/lanes';
import { call } from '../../api/client';
import { useUi } from '../../state/ui';
import { renderWithQuery, resetUi } from '../testUtils';
import { EventDetails } from './EventDetails';

vi.mock('../../api/client', async (orig) => ({ ...(await orig<typeof import('../../api/client')>()), call: vi.fn() }));
const callMock = vi.mocked(call);

const T = Date.UTC(2025, 4, 6, 3, 12, 45);
const base = { ts: T, service: 'support-agent', traceId: 'trace-abc' };

function detail(event: EventInput, id = 7, related: EventDetail['related'] = []): EventDetail {
  return { id, lane: LANE_OF_KIND[event.kind], event, related };
}

async function show(d: EventDetail) {
  callMock.mockImplementation(async (channel) => {
    if (channel === 'events.get') return d as never;
    throw new Error(`unexpected ${channel}`);
  });
  act(() => useUi.getState().selectEvent(d.id));
  renderWithQuery(<EventDetails />);
  const panel = screen.getByTestId('event-details');
  await within(panel).findByText(/lane · #/);
  return panel;
}

beforeEach(() => {
  resetUi();
  callMock.mockReset();
});
afterEach(cleanup);

describe('EventDetails', () => {
  it('asks the user to select something when nothing is selected', () => {
    renderWithQuery(<EventDetails />);
    expect(screen.getByTestId('event-details').textContent).toContain('Select an event');
    expect(callMock).not.toHaveBeenCalled();
  });

  it('shows an LLM call: model, tokens, cost, latency, TTFT, validity, previews', async () => {
    const panel = await show(
      detail({
        kind: 'llm_call',
        ...base,
        provider: 'vllm',
        model: 'llama-3.1-70b-instruct',
        operation: 'chat',
        promptVersion: 'support-v14',
        inputTokens: 1200,
        outputTokens: 845,
        costUsd: 0.0123,
        latencyMs: 4200,
        ttftMs: 950,
        status: 'error',
        finishReason: 'length',
        outputValid: false,
        inputPreview: 'Where is my order?',
        outputPreview: '{"order_id": "ORD-12',
        attrs: { 'gen_ai.system': 'vllm', retries: 2 },
      }),
    );
    const text = panel.textContent ?? '';
    for (const s of ['llama-3.1-70b-instruct', 'vllm', 'chat', 'support-v14', '1,200 / 845', '$0.0123', '4.20 s', '950 ms', 'length', 'INVALID', 'Where is my order?', '{"order_id": "ORD-12', '2025-05-06 03:12:45 UTC', 'trace-abc', 'gen_ai.system', 'retries']) {
      expect(text).toContain(s);
    }
    expect(callMock).toHaveBeenCalledWith('events.get', { id: 7 });
  });

  it('shows an agent action with outcome and error', async () => {
    const panel = await show(
      detail({ kind: 'agent_action', ...base, agent: 'support-agent', tool: 'get_order_status', argsDigest: 'sha256:9f2c', outcome: 'invalid_args', error: 'order_id must match ^ORD-[0-9]{8}$' }),
    );
    expect(panel.textContent).toContain('get_order_status');
    expect(panel.textContent).toContain('invalid_args');
    expect(panel.textContent).toContain('sha256:9f2c');
    expect(within(panel).getByText('order_id must match ^ORD-[0-9]{8}$').className).toContain('tone-text-error');
  });

  it('shows a span with its attributes table', async () => {
    const panel = await show(
      detail({ kind: 'span', ...base, durMs: 1530, name: 'POST /v1/chat', spanKind: 'server', status: 'error', statusMessage: 'upstream timeout', attrs: { 'http.status_code': 504 } }),
    );
    expect(panel.textContent).toContain('POST /v1/chat');
    expect(panel.textContent).toContain('server');
    expect(panel.textContent).toContain('1.53 s');
    const table = within(panel).getByRole('table');
    expect(within(table).getByText('http.status_code')).toBeTruthy();
    expect(within(table).getByText('504')).toBeTruthy();
  });

  it('shows a log with severity and a monospace body', async () => {
    const panel = await show(detail({ kind: 'log', ...base, severity: 'error', body: 'failed to parse model output as JSON: Unexpected token' }));
    expect(panel.textContent).toContain('ERROR');
    const body = within(panel).getByText(/failed to parse model output/);
    expect(body.tagName).toBe('PRE');
  });

  it('shows an alert with labels, state and the runbook as copyable text, not a link', async () => {
    const panel = await show(
      detail({
        kind: 'alert',
        ...base,
        name: 'LLMStructuredOutputInvalid',
        fingerprint: 'fp1',
        severity: 'critical',
        state: 'firing',
        labels: { team: 'ml-platform', model: 'llama-3.1-70b' },
        summary: 'Invalid JSON above 10%',
        runbookUrl: 'https://runbooks.example.com/llm-json',
      }),
    );
    expect(panel.textContent).toContain('firing');
    expect(panel.textContent).toContain('ml-platform');
    expect(panel.textContent).toContain('https://runbooks.example.com/llm-json');
    expect(panel.querySelector('a')).toBeNull();
    expect(within(panel).getByRole('button', { name: 'Copy link' })).toBeTruthy();
  });

  it('shows a change with from → to and a coloured unified diff', async () => {
    const panel = await show(
      detail({
        kind: 'change',
        ...base,
        changeType: 'prompt',
        target: 'support-agent/system-prompt',
        author: 'jdoe',
        summary: 'Tighten the order id format',
        from: 'v13',
        to: 'v14',
        diff: '--- a/prompt\n+++ b/prompt\n@@ -1,2 +1,2 @@\n-Reply in JSON.\n+Reply in strict JSON only.\n context line',
        source: 'github',
      }),
    );
    expect(panel.textContent).toContain('v13');
    expect(panel.textContent).toContain('v14');
    expect(panel.textContent).toContain('jdoe');
    expect(within(panel).getByText('+Reply in strict JSON only.').className).toContain('diff-add');
    expect(within(panel).getByText('-Reply in JSON.').className).toContain('diff-del');
    expect(within(panel).getByText('+++ b/prompt').className).toContain('diff-meta');
  });

  it('lists same-trace events and selects one on click', async () => {
    const panel = await show(
      detail({ kind: 'log', ...base, severity: 'info', body: 'hello' }, 7, [
        { id: 7, ts: T, durMs: null, kind: 'log', service: 's', name: 'hello', status: 'ok', tokens: null, costUsd: null },
        { id: 9, ts: T + 5, durMs: 120, kind: 'agent_action', service: 's', name: 'search_kb', status: 'error', tokens: null, costUsd: null },
      ]),
    );
    const button = within(panel).getByRole('button', { name: /search_kb/ });
    expect(within(panel).queryAllByRole('button', { name: /hello/ })).toHaveLength(0);
    fireEvent.click(button);
    expect(useUi.getState().selectedEventId).toBe(9);
  });
});
