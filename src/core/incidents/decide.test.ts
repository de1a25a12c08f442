import { describe, expect, it } from 'vitest';
import type { AlertEvent } from '../../shared/events';
import type { Incident } from '../../shared/incident';
import { allResolved, decideFiring, incidentId, newIncident, type IncidentView } from './decide';

const T = Date.UTC(2026, 2, 14, 2, 47);
const MIN = 60_000;
function alert(p: Partial<AlertEvent> = {}): AlertEvent {
  return { kind: 'alert', ts: T, service: 'support-agent', name: 'InvalidJSON', fingerprint: 'fp1', severity: 'critical', state: 'firing', labels: {}, source: 'alertmanager', ...p };
}
function view(inc: Partial<Incident>, members: AlertEvent[] = []): IncidentView {
  return { incident: { ...newIncident(alert(), T), ...inc }, members };
}

describe('decideFiring', () => {
  it('opens a new incident with id, title, severity, window', () => {
    const d = decideFiring(alert({ summary: 'JSON failures above 10%' }), T + 5_000, []);
    expect(d.type).toBe('open');
    if (d.type !== 'open') return;
    expect(d.incident.id).toMatch(/^INC-20260314-0247-[0-9a-f]{6}$/);
    expect(d.incident).toMatchObject({ title: 'JSON failures above 10%', severity: 'sev1', status: 'open', startedAt: T, detectedAt: T + 5_000, windowFrom: T - 30 * MIN, windowTo: T + 30 * MIN, services: ['support-agent'] });
    expect(decideFiring(alert({ severity: 'warning' }), T, []).type === 'open' && (decideFiring(alert({ severity: 'warning' }), T, []) as { incident: Incident }).incident.severity).toBe('sev2');
    expect((decideFiring(alert({ severity: 'info' }), T, []) as { incident: Incident }).incident.severity).toBe('sev3');
    expect((decideFiring(alert(), T, []) as { incident: Incident }).incident.title).toBe('InvalidJSON');
  });
  it('ids differ per alert and are stable', () => {
    expect(incidentId(alert())).toBe(incidentId(alert()));
    expect(incidentId(alert())).not.toBe(incidentId(alert({ fingerprint: 'fp2' })));
  });
  it('joins an open incident on the same service within 60 min, widening its window and services', () => {
    const v = view({ id: 'INC-A', services: ['support-agent'] }, [alert()]);
    const d = decideFiring(alert({ ts: T + 50 * MIN, fingerprint: 'fp2', name: 'Other' }), T + 50 * MIN, [v]);
    expect(d).toMatchObject({ type: 'join', changed: true, incident: { id: 'INC-A', windowTo: T + 80 * MIN } });
  });
  it('joins by alert name and adds the service', () => {
    const v = view({ id: 'INC-A', services: ['support-agent'] }, [alert()]);
    const d = decideFiring(alert({ ts: T + 10 * MIN, service: 'vllm', fingerprint: 'fp3' }), T, [v]);
    expect(d).toMatchObject({ type: 'join', incident: { id: 'INC-A', services: ['support-agent', 'vllm'] } });
  });
  it('does not join past the join window, another service, or a non-open incident', () => {
    const v = view({ id: 'INC-A' }, [alert()]);
    expect(decideFiring(alert({ ts: T + 61 * MIN }), T, [v]).type).toBe('open');
    expect(decideFiring(alert({ ts: T + 10 * MIN, service: 'payments', name: 'X' }), T, [v]).type).toBe('open');
    expect(decideFiring(alert({ ts: T + 10 * MIN }), T, [view({ id: 'INC-M', status: 'mitigated' }, [alert()])]).type).toBe('open');
    // A configurable window.
    expect(decideFiring(alert({ ts: T + 61 * MIN }), T, [v], { joinWindowMs: 120 * MIN }).type).toBe('join');
  });
  it('last activity is the latest member alert', () => {
    const v = view({ id: 'INC-A' }, [alert(), alert({ ts: T + 50 * MIN, fingerprint: 'fp9' })]);
    expect(decideFiring(alert({ ts: T + 100 * MIN }), T, [v]).type).toBe('join');
  });
  it('picks the most recently active of several', () => {
    const a = view({ id: 'INC-A' }, [alert()]);
    const b = view({ id: 'INC-B' }, [alert({ ts: T + 20 * MIN })]);
    expect(decideFiring(alert({ ts: T + 30 * MIN }), T, [a, b])).toMatchObject({ incident: { id: 'INC-B' } });
  });
  it('resolved, acknowledged and silenced alerts open nothing', () => {
    expect(decideFiring(alert({ state: 'resolved' }), T, []).type).toBe('none');
    expect(decideFiring(alert({ state: 'acknowledged' }), T, []).type).toBe('none');
    expect(decideFiring(alert({ labels: { sitrep_silenced: 'true' } }), T, []).type).toBe('none');
  });
});

describe('allResolved', () => {
  it('true only when each alert’s latest transition is resolved', () => {
    expect(allResolved([])).toBe(false);
    expect(allResolved([alert(), alert({ state: 'resolved', ts: T + MIN })])).toBe(true);
    expect(allResolved([alert(), alert({ state: 'resolved', ts: T + MIN }), alert({ fingerprint: 'fp2' })])).toBe(false);
    expect(allResolved([alert({ state: 'resolved', ts: T + MIN }), alert({ ts: T + 2 * MIN })])).toBe(false);
    expect(allResolved([alert({ ts: T }), alert({ state: 'resolved', ts: T })])).toBe(true);
  });
});
