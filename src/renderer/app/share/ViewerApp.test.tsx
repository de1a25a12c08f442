// @vitest-environment happy-dom
import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Channel } from '../../../shared/contract';
import type { IncidentSummary } from '../../../shared/incident';
import { isViewerChannel } from '../../../shared/viewer-channels';
import { App } from '../../App';
import { call } from '../../api/client';
import { useUi } from '../../state/ui';
import { renderWithQuery, resetUi } from '../testUtils';
import { applyFollowView } from './useFollow';
import { followViewOf } from './useFollowReporter';

vi.mock('../../api/client', async (orig) => ({ ...(await orig<typeof import('../../api/client')>()), call: vi.fn() }));
vi.mock('../../timeline/Timeline', () => ({ Timeline: (p: { incidentId: string }) => <div data-testid="timeline">timeline {p.incidentId}</div> }));
const callMock = vi.mocked(call);

const T = 1_700_000_000_000;
const incident: IncidentSummary = {
  id: 'INC-1',
  title: 'Checkout answers time out',
  severity: 'sev2',
  status: 'open',
  startedAt: T,
  detectedAt: null,
  resolvedAt: null,
  windowFrom: T - 600_000,
  windowTo: T + 600_000,
  services: ['checkout'],
  summary: 'x',
  counts: { events: 1, errors: 0, alerts: 0, changes: 0 },
};
const view = { incidentId: 'INC-1', window: { from: T - 60_000, to: T + 60_000 }, cursor: T, selectedEventId: null };
const answers: Partial<Record<Channel, unknown>> = {
  'presentation.get': {
    role: 'viewer',
    on: true,
    forced: true,
    settings: { categories: { secrets: true, emails: true, ips: true, userIds: true, prompts: true }, sensitiveLabels: [] },
    problem: null,
  },
  'share.state': { name: 'Ana', expiresAt: Date.now() + 3_600_000, view },
  'app.info': { name: 'Sitrep', version: '9', host: 'browser', store: { path: '‹path·1›', events: 1, series: 0, points: 0 }, readOnly: false },
  'incidents.list': [incident],
  'incidents.get': incident,
  'events.list': { rows: [], next: null },
  'timeline.window': { from: 0, to: 1, widthPx: 240, bucketMs: 1, resolution: 'raw', lanes: [], tookMs: 1 },
  'analysis.latest': null,
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

describe('the viewer app', () => {
  it('follows the commander and calls nothing but the viewer channels', async () => {
    renderWithQuery(<App />);
    expect(await screen.findByTestId('viewer-app')).toBeTruthy();
    expect((await screen.findByTestId('viewer-badge')).textContent).toMatch(/^View only · following Ana · ends \d\d:\d\d UTC$/);
    expect(await screen.findByTestId('timeline')).toBeTruthy();
    expect(useUi.getState()).toMatchObject({ incidentId: 'INC-1', view: view.window });
    await waitFor(() => expect(callMock.mock.calls.map(([c]) => c)).toContain('analysis.latest'));
    for (const [channel] of callMock.mock.calls) expect(isViewerChannel(channel), channel).toBe(true);
    // No control that changes anything.
    for (const id of ['share-open', 'presentation-toggle', 'auth-indicator', 'back-to-incidents', 'theme-toggle']) expect(screen.queryByTestId(id)).toBeNull();
    expect(screen.queryByRole('button', { name: /Accept|Reject|Re-run|Explain/ })).toBeNull();
  });

  it('says so when the share is over', async () => {
    answers['share.state'] = null;
    renderWithQuery(<App />);
    expect((await screen.findByTestId('viewer-ended')).textContent).toMatch(/No share is running/);
    answers['share.state'] = { name: 'Ana', expiresAt: Date.now() + 3_600_000, view };
  });
});

describe('follow views', () => {
  it('reports only what is inside an incident', () => {
    expect(followViewOf({ incidentId: null, view: { from: 1, to: 2 }, crosshair: 5, selectedEventId: 3 })).toEqual({ incidentId: null, window: null, cursor: null, selectedEventId: null });
    expect(followViewOf({ incidentId: 'a', view: { from: 1.4, to: 2.6 }, crosshair: 5.2, selectedEventId: 3 })).toEqual({ incidentId: 'a', window: { from: 1, to: 3 }, cursor: 5, selectedEventId: 3 });
  });

  it('applies the commander view: incident, window, selection, and leaving the incident', () => {
    resetUi();
    applyFollowView({ incidentId: 'INC-1', window: { from: 10, to: 5_000 }, cursor: null, selectedEventId: 7 });
    expect(useUi.getState()).toMatchObject({ incidentId: 'INC-1', view: { from: 10, to: 5_000 }, selectedEventId: 7 });
    applyFollowView({ incidentId: 'INC-1', window: { from: 20, to: 6_000 }, cursor: 30, selectedEventId: null });
    expect(useUi.getState()).toMatchObject({ incidentId: 'INC-1', view: { from: 20, to: 6_000 }, selectedEventId: null });
    applyFollowView({ incidentId: 'INC-2', window: null, cursor: null, selectedEventId: null });
    expect(useUi.getState()).toMatchObject({ incidentId: 'INC-2', view: null });
    applyFollowView({ incidentId: null, window: null, cursor: null, selectedEventId: null });
    expect(useUi.getState().incidentId).toBeNull();
  });
});
