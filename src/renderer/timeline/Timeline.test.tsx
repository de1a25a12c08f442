// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WindowQuery, WindowResult } from '../../shared/window';
import { useUi } from '../state/ui';
import { clearBrushOrSelection, selectAdjacentEvent } from './actions';
import { Timeline } from './Timeline';

const T0 = Date.UTC(2026, 2, 14, 3, 0);
const HOUR = 3_600_000;

const calls: Array<{ channel: string; input: unknown }> = [];

function windowAnswer(q: WindowQuery): WindowResult {
  const n = 10;
  const step = (q.to - q.from) / n;
  return {
    from: q.from,
    to: q.to,
    widthPx: q.widthPx,
    bucketMs: step,
    resolution: 'raw',
    tookMs: 1,
    lanes: q.lanes.map((l) =>
      l.type === 'events'
        ? {
            type: 'events' as const,
            lane: l.lane,
            total: 3,
            mode: 'items' as const,
            buckets: { t0: q.from, step, count: Array(n).fill(0.3), errors: Array(n).fill(0.1), warns: Array(n).fill(0), tokens: Array(n).fill(0), costUsd: Array(n).fill(0) },
            items:
              l.lane === 'traces'
                ? [
                    { id: 11, ts: T0 + 10 * 60_000, durMs: 500, kind: 'span' as const, service: 'api', name: 'GET /chat', status: 'ok' as const, tokens: null, costUsd: null },
                    { id: 12, ts: T0 + 20 * 60_000, durMs: 900, kind: 'span' as const, service: 'api', name: 'POST /tool', status: 'error' as const, tokens: null, costUsd: null },
                  ]
                : [],
          }
        : { type: 'metrics' as const, lane: l.lane, metric: 'gpu_util', metrics: ['gpu_util', 'gpu_mem_used'], unit: '%', series: [] },
    ),
  };
}

vi.mock('../api/client', () => ({
  call: vi.fn(async (channel: string, input: unknown) => {
    calls.push({ channel, input });
    if (channel === 'timeline.window') return windowAnswer(input as WindowQuery);
    if (channel === 'incidents.get') throw new Error('not in this test');
    throw new Error(`unexpected channel ${channel}`);
  }),
  onPush: () => () => undefined,
}));

function renderTimeline(): void {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={qc}>
      <div style={{ width: '1200px', height: '700px' }}>
        <Timeline incidentId="INC-1" />
      </div>
    </QueryClientProvider>,
  );
}

beforeEach(() => {
  calls.length = 0;
  useUi.setState({ hiddenLanes: new Set(), metricChoice: {}, brush: null, selectedEventId: null });
  useUi.getState().openIncident('INC-1', { from: T0, to: T0 + HOUR });
});
afterEach(() => cleanup());

describe('Timeline', () => {
  it('renders one lane per LANE_ORDER entry with its header, the axis and the readouts', () => {
    renderTimeline();
    for (const lane of ['alerts', 'changes', 'llm', 'agent', 'traces', 'gpu', 'inference', 'infra', 'logs']) {
      expect(screen.getByTestId(`lane-${lane}`)).toBeTruthy();
    }
    expect(screen.getByTestId('lane-llm').textContent).toContain('LLM calls');
    expect(screen.getByTestId('time-axis')).toBeTruthy();
    expect(screen.getByTestId('crosshair-time')).toBeTruthy();
    expect(screen.queryByTestId('brush-range')).toBeNull();
    expect(window.__sitrepTimeline?.hitTargets()).toEqual([]); // no 2D context in happy-dom: nothing drawn
  });

  it('writes the visible range (UTC, with the date)', async () => {
    renderTimeline();
    await waitFor(() => expect(screen.getByTestId('visible-range').textContent).toBe('2026-03-14 03:00:00 – 04:00:00 UTC'));
  });

  it('fetches an overscanned window with every open lane and shows counts for the view', async () => {
    renderTimeline();
    await waitFor(() => expect(screen.getByTestId('lane-summary-traces').textContent).toContain('err'));
    const q = calls.find((c) => c.channel === 'timeline.window')?.input as WindowQuery;
    expect(q.from).toBeLessThanOrEqual(T0 - HOUR);
    expect(q.to).toBeGreaterThanOrEqual(T0 + 2 * HOUR);
    expect(q.lanes.map((l) => l.lane)).toEqual(['alerts', 'changes', 'llm', 'agent', 'traces', 'gpu', 'inference', 'infra', 'logs']);
    expect((screen.getByTestId('metric-picker-gpu') as HTMLSelectElement).value).toBe('gpu_util');
  });

  it('zoom buttons change the view in the store; reset goes back to the incident window', () => {
    renderTimeline();
    fireEvent.click(screen.getByTestId('zoom-in'));
    let v = useUi.getState().view;
    expect((v?.to ?? 0) - (v?.from ?? 0)).toBe(HOUR / 2);
    expect(((v?.from ?? 0) + (v?.to ?? 0)) / 2).toBe(T0 + HOUR / 2);
    fireEvent.click(screen.getByTestId('zoom-out'));
    fireEvent.click(screen.getByTestId('zoom-out'));
    v = useUi.getState().view;
    expect((v?.to ?? 0) - (v?.from ?? 0)).toBe(2 * HOUR);
    fireEvent.click(screen.getByTestId('zoom-reset'));
    expect(useUi.getState().view).toEqual({ from: T0, to: T0 + HOUR });
  });

  it('shows the brush with its range and duration; Esc (clearBrushOrSelection) clears it', () => {
    renderTimeline();
    act(() => useUi.getState().setBrush({ from: T0 + 60_000, to: T0 + 5 * 60_000 }));
    const b = screen.getByTestId('brush-range');
    expect(b.textContent).toContain('03:01:00 – 03:05:00');
    expect(b.textContent).toContain('4m 00s');
    act(() => {
      expect(clearBrushOrSelection()).toBe(true);
    });
    expect(screen.queryByTestId('brush-range')).toBeNull();
    expect(useUi.getState().brush).toBeNull();
  });

  it('collapse toggles hide a lane and stop fetching it', async () => {
    renderTimeline();
    fireEvent.click(screen.getByRole('button', { name: 'Collapse Logs' }));
    expect(useUi.getState().hiddenLanes.has('logs')).toBe(true);
    await waitFor(() => {
      const last = calls.filter((c) => c.channel === 'timeline.window').at(-1)?.input as WindowQuery | undefined;
      expect(last?.lanes.some((l) => l.lane === 'logs')).toBe(false);
    });
    expect(screen.getByRole('button', { name: 'Expand Logs' })).toBeTruthy();
  });

  it('] selects the next significant event (the error first), [ goes back', async () => {
    renderTimeline();
    await waitFor(() => expect(screen.getByTestId('lane-summary-traces')).toBeTruthy());
    act(() => {
      selectAdjacentEvent(1);
    });
    expect(useUi.getState().selectedEventId).toBe(12);
    act(() => {
      expect(selectAdjacentEvent(1)).toBeNull(); // no later significant event
    });
    expect(useUi.getState().selectedEventId).toBe(12);
  });
});
