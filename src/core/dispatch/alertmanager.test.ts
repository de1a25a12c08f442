/**
 * A silence created end to end against a REAL Alertmanager (Debian's prometheus-alertmanager on
 * loopback, started by the test), then read back through its API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReplay, type ReplayServer } from '../connectors/kubernetes/replay-server';
import { alertmanagerAvailable, startAlertmanager } from '../testing/servers/alertmanager';
import type { RunningServer } from '../testing/servers/process';
import { dispatch } from './dispatch';
import { preparePlan } from './plan';
import { harness, journalText, type Harness } from './testing/harness';

const have = alertmanagerAvailable();
if (!have && process.env.CI !== 'true') console.warn('[dispatch] skipping the real Alertmanager silence test: prometheus-alertmanager is not installed (apt-get install prometheus-alertmanager)');

interface AmSilence {
  id: string;
  status: { state: string };
  matchers: { name: string; value: string; isRegex: boolean; isEqual: boolean }[];
  createdBy: string;
  comment: string;
  startsAt: string;
  endsAt: string;
}

describe.skipIf(!have && process.env.CI !== 'true')('Alertmanager silence against a real Alertmanager', () => {
  let am: RunningServer | undefined;
  let sink: ReplayServer | undefined;
  let h: Harness;

  beforeAll(async () => {
    if (!have) throw new Error('CI=true: /usr/bin/prometheus-alertmanager must be installed');
    sink = await startReplay(() => ({ body: {} }));
    am = await startAlertmanager({ webhookUrl: `${sink.url}/webhook` });
    h = await harness();
  }, 40_000);

  afterAll(async () => {
    h.close();
    await am?.stop();
    await sink?.close();
  });

  it('creates the approved silence, verifies the alert is silenced, and reads the silence back', async () => {
    const base = am?.url ?? '';
    const labels = { alertname: 'InvalidJsonSpike', service: 'checkout', severity: 'warning' };
    const posted = await fetch(`${base}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ labels, annotations: { summary: 'invalid JSON from the model' }, startsAt: new Date().toISOString() }]),
    });
    expect(posted.status).toBe(200);
    // The alert is active and not silenced yet.
    for (let i = 0; i < 50; i++) {
      const list = (await fetch(`${base}/api/v2/alerts?active=true&silenced=false`).then((r) => r.json())) as unknown[];
      if (list.length > 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }

    const prepared = preparePlan(
      'alertmanager.silence',
      { matchers: [{ name: 'service', value: 'checkout' }, { name: 'severity', value: 'warning' }], duration_minutes: 30, comment: 'upstream outage, incident inc-42', created_by: 'ana' },
      { kind: 'alertmanager', name: 'am', base_url: base },
      Date.now(),
    );
    if (!prepared.ok) throw new Error(prepared.message);
    const plan = prepared.plan;
    const out = await dispatch(plan, [await h.approve('ana', plan)], h.ctx());
    expect(out).toMatchObject({ status: 'verified', sent: [{ method: 'POST', status: 200, ok: true }] });

    const silences = (await fetch(`${base}/api/v2/silences`).then((r) => r.json())) as AmSilence[];
    expect(silences).toHaveLength(1);
    const s = silences[0];
    expect(s?.status.state).toBe('active');
    expect(s?.createdBy).toBe('ana');
    expect(s?.comment).toBe('upstream outage, incident inc-42');
    expect(s?.matchers.map((m) => [m.name, m.value, m.isRegex, m.isEqual])).toEqual([
      ['service', 'checkout', false, true],
      ['severity', 'warning', false, true],
    ]);
    // Alertmanager moves a start in the past to the moment it stored the silence; the end is the approved one.
    expect(Date.parse(s?.endsAt ?? '')).toBe(plan.renderedAt + 30 * 60_000);
    expect(Date.parse(s?.startsAt ?? '')).toBeGreaterThanOrEqual(plan.renderedAt);
    const one = (await fetch(`${base}/api/v2/silence/${s?.id ?? ''}`).then((r) => r.json())) as AmSilence;
    expect(one.id).toBe(s?.id);

    const silenced = (await fetch(`${base}/api/v2/alerts?silenced=true&filter=${encodeURIComponent('service="checkout"')}`).then((r) => r.json())) as { status: { silencedBy: string[] } }[];
    expect(silenced[0]?.status.silencedBy).toEqual([s?.id]);
    expect(h.journal.list().map((e) => e.kind)).toEqual(['approval', 'dispatching', 'dispatch_result', 'verification']);
    expect(journalText(h.journal)).toContain('alertmanager.silence');

    // The same approval cannot create a second silence.
    const again = await dispatch(plan, [h.journal.list({ kind: 'approval' })[0]?.payload as unknown].map((p) => (p as { approval: unknown }).approval), h.ctx());
    expect(again).toMatchObject({ status: 'refused', reason: 'replayed' });
    expect(((await fetch(`${base}/api/v2/silences`).then((r) => r.json())) as unknown[]).length).toBe(1);
  }, 30_000);
});
