// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IncidentSummary } from '../../shared/incident';
import { CallError, call } from '../api/client';
import { useUi } from '../state/ui';
import { IncidentList } from './IncidentList';
import { renderWithQuery, resetUi } from './testUtils';

vi.mock('../api/client', async (orig) => ({ ...(await orig<typeof import('../api/client')>()), call: vi.fn() }));
const callMock = vi.mocked(call);

function incident(id: string, startedAt: number, extra: Partial<IncidentSummary> = {}): IncidentSummary {
  return {
    id,
    title: `Incident ${id}`,
    severity: 'sev2',
    status: 'open',
    startedAt,
    detectedAt: null,
    resolvedAt: null,
    windowFrom: startedAt - 60_000,
    windowTo: startedAt + 600_000,
    services: ['support-agent', 'vllm-gateway'],
    summary: '',
    counts: { events: 12_345, errors: 67, alerts: 3, changes: 2 },
    ...extra,
  };
}

beforeEach(() => {
  resetUi();
  callMock.mockReset();
});
afterEach(cleanup);

describe('IncidentList', () => {
  it('renders one row per incident with its facts, newest first', async () => {
    const older = incident('a', Date.UTC(2025, 0, 1, 2, 0, 0), { resolvedAt: Date.UTC(2025, 0, 1, 3, 14, 0), status: 'resolved' });
    const newer = incident('b', Date.UTC(2025, 0, 2, 2, 0, 0), { severity: 'sev1' });
    callMock.mockResolvedValue([older, newer]);
    renderWithQuery(<IncidentList />);
    const rowA = await screen.findByTestId('incident-row-a');
    const rowB = screen.getByTestId('incident-row-b');
    expect(callMock).toHaveBeenCalledWith('incidents.list', {});
    expect(rowA.textContent).toContain('Incident a');
    expect(rowA.textContent).toContain('2025-01-01 02:00:00 UTC');
    expect(rowA.textContent).toContain('1h 14m');
    expect(rowA.textContent).toContain('resolved');
    expect(rowA.textContent).toContain('12,345 events');
    expect(rowA.textContent).toContain('67 errors');
    expect(rowA.textContent).toContain('support-agent, vllm-gateway');
    expect(rowB.textContent).toContain('SEV1');
    const order = [...screen.getByTestId('incident-list').querySelectorAll('[data-testid^="incident-row-"]')].map(
      (el) => el.getAttribute('data-testid'),
    );
    expect(order).toEqual(['incident-row-b', 'incident-row-a']);
  });

  it('does not auto-open a single incident; Enter opens the active row with its window', async () => {
    const only = incident('solo', 1_700_000_000_000);
    callMock.mockResolvedValue([only]);
    renderWithQuery(<IncidentList />);
    const list = await screen.findByTestId('incident-list');
    expect(useUi.getState().incidentId).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(list));
    fireEvent.keyDown(list, { key: 'Enter' });
    expect(useUi.getState().incidentId).toBe('solo');
    expect(useUi.getState().home).toEqual({ from: only.windowFrom, to: only.windowTo });
  });

  it('moves with arrow keys and opens the chosen incident', async () => {
    callMock.mockResolvedValue([incident('x', 3000_000), incident('y', 2000_000), incident('z', 1000_000)]);
    renderWithQuery(<IncidentList />);
    const list = await screen.findByTestId('incident-list');
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    fireEvent.keyDown(list, { key: 'ArrowUp' });
    expect(screen.getByTestId('incident-row-y').getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(list, { key: 'Enter' });
    expect(useUi.getState().incidentId).toBe('y');
  });

  it('opens on click', async () => {
    callMock.mockResolvedValue([incident('c', 1_000_000)]);
    renderWithQuery(<IncidentList />);
    fireEvent.click(await screen.findByTestId('incident-row-c'));
    expect(useUi.getState().incidentId).toBe('c');
  });

  it('shows a clear banner when the core cannot be reached', async () => {
    callMock.mockRejectedValue(new CallError('incidents.list', 'unreachable', 'Could not reach the core: ECONNREFUSED'));
    renderWithQuery(<IncidentList />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not reach the core: ECONNREFUSED');
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
  });

  it('explains how to get data when the store is empty', async () => {
    callMock.mockResolvedValue([]);
    renderWithQuery(<IncidentList />);
    expect((await screen.findByTestId('incident-list')).textContent).toContain('sitrep demo');
  });
});
