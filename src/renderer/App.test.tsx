// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Channel } from '../shared/contract';
import type { IncidentSummary } from '../shared/incident';
import { App } from './App';
import { call } from './api/client';
import { renderWithQuery, resetUi } from './app/testUtils';
import { useUi } from './state/ui';

vi.mock('./api/client', async (orig) => ({ ...(await orig<typeof import('./api/client')>()), call: vi.fn() }));
vi.mock('./timeline/Timeline', () => ({ Timeline: (p: { incidentId: string }) => <div data-testid="timeline">timeline {p.incidentId}</div> }));
const callMock = vi.mocked(call);

const incident: IncidentSummary = {
  id: 'INC-1',
  title: 'support-agent returning invalid JSON',
  severity: 'sev1',
  status: 'open',
  startedAt: 1_700_000_000_000,
  detectedAt: null,
  resolvedAt: null,
  windowFrom: 1_699_999_000_000,
  windowTo: 1_700_001_000_000,
  services: ['support-agent'],
  summary: 'x',
  counts: { events: 10, errors: 1, alerts: 1, changes: 1 },
};

const answers: Partial<Record<Channel, unknown>> = {
  'app.info': { name: 'Sitrep', version: '9.9.9', host: 'browser', store: { path: '/x', events: 1, series: 0, points: 0 }, readOnly: false },
  'incidents.list': [incident],
  'incidents.get': incident,
  'events.list': { rows: [], next: null },
  'timeline.window': { from: 0, to: 1, widthPx: 240, bucketMs: 1, resolution: 'raw', lanes: [], tookMs: 1 },
};

beforeEach(() => {
  resetUi();
  callMock.mockReset();
  callMock.mockImplementation(async (channel) => {
    if (!(channel in answers)) throw new Error(`unexpected ${channel}`);
    return answers[channel] as never;
  });
});
afterEach(cleanup);

describe('App', () => {
  it('goes list → incident view → help → back, by keyboard', async () => {
    renderWithQuery(<App />);
    const list = await screen.findByTestId('incident-list');
    expect(screen.queryByTestId('incident-view')).toBeNull();
    await waitFor(() => expect(screen.getAllByText(/Sitrep 9\.9\.9/).length).toBeGreaterThan(0));
    fireEvent.keyDown(list, { key: 'Enter' });

    const view = await screen.findByTestId('incident-view');
    expect(within(view).getByTestId('timeline').textContent).toBe('timeline INC-1');
    expect(await within(view).findByText('support-agent returning invalid JSON')).toBeTruthy();
    expect(within(view).getByText('SEV1')).toBeTruthy();
    expect(screen.getByTestId('event-details')).toBeTruthy();
    expect(screen.getByTestId('logs-list')).toBeTruthy();

    act(() => void window.dispatchEvent(new KeyboardEvent('keydown', { key: '?' })));
    const help = await screen.findByTestId('help-overlay');
    expect(help.textContent).toContain('Backspace');
    act(() => void window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' })));
    expect(screen.queryByTestId('help-overlay')).toBeNull();

    fireEvent.click(screen.getByTestId('theme-toggle'));
    expect(useUi.getState().theme).toBe('light');

    act(() => void window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Backspace' })));
    expect(await screen.findByTestId('incident-list')).toBeTruthy();
    expect(useUi.getState().incidentId).toBeNull();
  });

  it('the back button returns to the list', async () => {
    act(() => useUi.getState().openIncident('INC-1', { from: incident.windowFrom, to: incident.windowTo }));
    renderWithQuery(<App />);
    fireEvent.click(await screen.findByTestId('back-to-incidents'));
    expect(await screen.findByTestId('incident-list')).toBeTruthy();
  });
});
