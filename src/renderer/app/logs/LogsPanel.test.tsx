// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventListPage, EventListQuery, EventListRow } from '../../../shared/contract';
import { call } from '../../api/client';
import { useUi } from '../../state/ui';
import { renderWithQuery, resetUi } from '../testUtils';
import { LogsPanel } from './LogsPanel';

vi.mock('../../api/client', async (orig) => ({ ...(await orig<typeof import('../../api/client')>()), call: vi.fn() }));
const callMock = vi.mocked(call);

// happy-dom has no layout: give the scroll container a height so the virtualizer renders rows.
const clientHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 900 });
});
afterAll(() => {
  if (clientHeight) Object.defineProperty(HTMLElement.prototype, 'clientHeight', clientHeight);
});

function row(id: number, extra: Partial<EventListRow> = {}): EventListRow {
  return { id, ts: 1_000_000 + id, durMs: null, kind: 'log', service: 'support-agent', name: `line ${id}`, status: 'ok', tokens: null, costUsd: null, severity: 'info', ...extra };
}

/** A fake events.list over rows 1..total, pages of `limit`, honouring problemsOnly and text. */
function fakeList(total: number) {
  const all = Array.from({ length: total }, (_, i) =>
    row(i + 1, i % 10 === 0 ? { status: 'error', severity: 'error', name: `boom ${i + 1}` } : {}),
  );
  const seen: EventListQuery[] = [];
  callMock.mockImplementation(async (channel, input) => {
    if (channel !== 'events.list') throw new Error(`unexpected ${channel}`);
    const q = input as EventListQuery;
    seen.push(q);
    let rows = all.filter((r) => (!q.problemsOnly || r.status !== 'ok') && (!q.text || r.name.includes(q.text)));
    if (q.after) rows = rows.filter((r) => r.id > q.after!.id);
    const limit = q.limit ?? 200;
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const out: EventListPage = { rows: page, next: rows.length > limit && last ? { ts: last.ts, id: last.id } : null };
    return out as never;
  });
  return seen;
}

beforeEach(() => {
  resetUi();
  callMock.mockReset();
  useUi.getState().openIncident('inc', { from: 1_000_000, to: 2_000_000 });
});
afterEach(cleanup);

describe('LogsPanel', () => {
  it('lists logs of the visible range with severity colouring, and selects on click', async () => {
    const seen = fakeList(5);
    renderWithQuery(<LogsPanel debounceMs={0} />);
    const list = screen.getByTestId('logs-list');
    await within(list).findByText('line 2');
    expect(seen[0]).toMatchObject({ from: 1_000_000, to: 2_000_000, kinds: ['log'] });
    expect(seen[0]?.problemsOnly).toBeUndefined();
    const err = within(list).getByText('boom 1').closest('[role="option"]');
    expect(err?.className).toContain('tone-row-error');
    fireEvent.click(within(list).getByText('line 3'));
    expect(useUi.getState().selectedEventId).toBe(4 - 1);
    expect(within(list).getByText('line 3').closest('[role="option"]')?.getAttribute('aria-selected')).toBe('true');
  });

  it('queries the brush when there is one', async () => {
    const seen = fakeList(3);
    act(() => useUi.getState().setBrush({ from: 1_200_000, to: 1_300_000 }));
    renderWithQuery(<LogsPanel debounceMs={0} />);
    await within(screen.getByTestId('logs-list')).findByText('line 2');
    expect(seen[0]).toMatchObject({ from: 1_200_000, to: 1_300_000 });
  });

  it('filters by problems, text and kinds', async () => {
    const seen = fakeList(30);
    renderWithQuery(<LogsPanel debounceMs={0} />);
    const list = screen.getByTestId('logs-list');
    await within(list).findByText('line 2');
    fireEvent.click(screen.getByLabelText('Problems only'));
    await waitFor(() => expect(within(list).queryByText('line 2')).toBeNull());
    expect(await within(list).findByText('boom 11')).toBeTruthy();
    expect(seen[seen.length - 1]).toMatchObject({ problemsOnly: true });

    fireEvent.change(screen.getByLabelText('Filter logs by text'), { target: { value: 'boom 2' } });
    await waitFor(() => expect(within(list).queryByText('boom 11')).toBeNull());
    expect(await within(list).findByText('boom 21')).toBeTruthy();
    expect(seen[seen.length - 1]).toMatchObject({ text: 'boom 2', problemsOnly: true });

    fireEvent.click(screen.getByLabelText('All kinds'));
    await waitFor(() => expect(seen[seen.length - 1]?.kinds).toBeUndefined());
  });

  it('loads further pages through the cursor', async () => {
    const seen = fakeList(450);
    renderWithQuery(<LogsPanel debounceMs={0} />);
    const list = screen.getByTestId('logs-list');
    await within(list).findByText('line 2');
    // 600px tall at 26px rows shows ~23 rows plus overscan; scroll to the end of page one.
    await act(async () => {
      list.scrollTop = 200 * 26 - 600;
      list.dispatchEvent(new Event('scroll'));
    });
    await waitFor(() => expect(seen.some((q) => q.after?.id === 200)).toBe(true));
    await waitFor(() => expect(screen.getByText(/400\+ shown/)).toBeTruthy());
  });
});
