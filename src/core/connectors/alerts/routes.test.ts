import { statSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReceiverRequest, ReceiverRoute } from '../../receiver/types';
import { alertWebhookRoutes } from './routes';
import { describeWebhookSetup, webhookSecrets } from './secrets';
import { pagerDutySignature } from './signatures';
import { testContext } from './test-context';

const T = Date.UTC(2026, 10, 23, 3, 0);
const MIN = 60_000;
const iso = (t: number): string => new Date(t).toISOString();

function amBody(status: 'firing' | 'resolved', alerts: { name: string; service: string; fp: string; start: number; end?: number }[]): string {
  return JSON.stringify({
    version: '4',
    groupKey: '{}:{alertname="x"}',
    status,
    receiver: 'sitrep',
    alerts: alerts.map((a) => ({
      status,
      labels: { alertname: a.name, service: a.service, severity: 'critical' },
      annotations: { summary: `${a.name} on ${a.service}`, runbook_url: 'https://runbooks.example/x' },
      startsAt: iso(a.start),
      endsAt: a.end !== undefined ? iso(a.end) : '0001-01-01T00:00:00Z',
      fingerprint: a.fp,
    })),
  });
}

function req(path: string, body: string, headers: Record<string, string>): ReceiverRequest {
  const b = Buffer.from(body);
  return { method: 'POST', path, query: new URLSearchParams(), headers, rawBody: b, body: b };
}

async function call(routes: ReceiverRoute[], path: string, body: string, headers: Record<string, string>): Promise<{ status: number; json: Record<string, unknown> }> {
  const r = routes.find((x) => x.path === path);
  if (!r) throw new Error(`no route ${path}`);
  const res = await r.handle(req(path, body, headers));
  return { status: res.status, json: JSON.parse(String(res.body)) as Record<string, unknown> };
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('alert webhook routes', () => {
  it('Alertmanager: 401 without or with a wrong token, 400 for a malformed payload, nothing written', async () => {
    const ctx = testContext();
    const routes = alertWebhookRoutes(ctx, { now: () => T });
    const body = amBody('firing', [{ name: 'A', service: 'support-agent', fp: 'f1', start: T }]);
    expect((await call(routes, '/webhooks/alertmanager', body, {})).status).toBe(401);
    expect((await call(routes, '/webhooks/alertmanager', body, { authorization: 'Bearer nope' })).status).toBe(401);
    const auth = { authorization: `Bearer ${webhookSecrets(ctx).token}` };
    const bad = await call(routes, '/webhooks/alertmanager', body.replace('"startsAt":"', '"startsAt":"x'), auth);
    expect(bad.status).toBe(400);
    expect(bad.json.message).toMatch(/alerts\[0\]\.startsAt: not a timestamp/);
    expect((await call(routes, '/webhooks/alertmanager', body.slice(0, 40), auth)).json.message).toMatch(/not valid JSON/);
    expect(ctx.store.stats().events).toBe(0);
    expect(ctx.store.listIncidents()).toEqual([]);
  });

  it('firing opens an incident, a re-delivery dedups, a second alert joins, resolution mitigates', async () => {
    const ctx = testContext();
    const routes = alertWebhookRoutes(ctx, { now: () => T + 10_000 });
    const auth = { authorization: `Bearer ${webhookSecrets(ctx).token}` };
    const first = amBody('firing', [{ name: 'InvalidJSON', service: 'support-agent', fp: 'f1', start: T }]);
    const r1 = await call(routes, '/webhooks/alertmanager', first, auth);
    expect(r1.status).toBe(200);
    expect(r1.json).toMatchObject({ accepted: 1, duplicates: 0, ignored: 0, incidents: [{ action: 'opened', alert: 'InvalidJSON' }] });
    const [inc] = ctx.store.listIncidents();
    expect(inc).toMatchObject({ title: 'InvalidJSON on support-agent', severity: 'sev1', status: 'open', services: ['support-agent'], startedAt: T, detectedAt: T + 10_000 });
    expect(inc?.counts.alerts).toBe(1);
    expect(ctx.pushes.map((p) => p[0])).toContain('incidents.changed');

    const again = await call(routes, '/webhooks/alertmanager', first, auth);
    expect(again.json).toMatchObject({ accepted: 0, duplicates: 1, incidents: [] });

    const second = amBody('firing', [{ name: 'QueueDepth', service: 'support-agent', fp: 'f2', start: T + 20 * MIN }]);
    expect((await call(routes, '/webhooks/alertmanager', second, auth)).json).toMatchObject({ accepted: 1, incidents: [{ id: inc?.id, action: 'joined' }] });
    expect(ctx.store.listIncidents()).toHaveLength(1);
    expect(ctx.store.getIncident(inc?.id ?? '')?.windowTo).toBe(T + 50 * MIN);

    const res1 = amBody('resolved', [{ name: 'InvalidJSON', service: 'support-agent', fp: 'f1', start: T, end: T + 30 * MIN }]);
    expect((await call(routes, '/webhooks/alertmanager', res1, auth)).json).toMatchObject({ incidents: [{ action: 'updated' }] });
    expect(ctx.store.getIncident(inc?.id ?? '')?.status).toBe('open');
    const res2 = amBody('resolved', [{ name: 'QueueDepth', service: 'support-agent', fp: 'f2', start: T + 20 * MIN, end: T + 40 * MIN }]);
    expect((await call(routes, '/webhooks/alertmanager', res2, auth)).json).toMatchObject({ incidents: [{ action: 'mitigated' }] });
    expect(ctx.store.getIncident(inc?.id ?? '')?.status).toBe('mitigated');
    // A later firing on the service opens a new incident (a mitigated one is not joined).
    const later = amBody('firing', [{ name: 'InvalidJSON', service: 'support-agent', fp: 'f1', start: T + 45 * MIN }]);
    expect((await call(routes, '/webhooks/alertmanager', later, auth)).json).toMatchObject({ incidents: [{ action: 'opened' }] });
    expect(ctx.store.listIncidents()).toHaveLength(2);
  });

  it('a resolved alert alone opens nothing', async () => {
    const ctx = testContext();
    const routes = alertWebhookRoutes(ctx);
    const auth = { authorization: `Bearer ${webhookSecrets(ctx).token}` };
    const r = await call(routes, '/webhooks/alertmanager', amBody('resolved', [{ name: 'A', service: 's', fp: 'f', start: T, end: T + MIN }]), auth);
    expect(r.json).toMatchObject({ accepted: 1, incidents: [] });
    expect(ctx.store.listIncidents()).toEqual([]);
  });

  it('PagerDuty: signed deliveries only; non-incident events ignored', async () => {
    const ctx = testContext();
    const secret = 'pd-signing-secret';
    const routes = alertWebhookRoutes(ctx);
    const body = JSON.stringify({ event: { id: 'e', event_type: 'incident.triggered', occurred_at: iso(T), data: { id: 'PX1', type: 'incident', status: 'triggered', title: 'Checkout down', urgency: 'high', service: { summary: 'checkout' } } } });
    const prev = process.env.SITREP_PAGERDUTY_SECRET;
    process.env.SITREP_PAGERDUTY_SECRET = secret;
    try {
      expect((await call(routes, '/webhooks/pagerduty', body, {})).status).toBe(401);
      expect((await call(routes, '/webhooks/pagerduty', body, { 'x-pagerduty-signature': pagerDutySignature(Buffer.from(body + ' '), secret) })).status).toBe(401);
      const ok = await call(routes, '/webhooks/pagerduty', body, { 'x-pagerduty-signature': `v1=00, ${pagerDutySignature(Buffer.from(body), secret)}` });
      expect(ok).toMatchObject({ status: 200, json: { accepted: 1, incidents: [{ action: 'opened' }] } });
      const svc = JSON.stringify({ event: { id: 'e2', event_type: 'service.updated', data: { id: 'S', type: 'service' } } });
      expect((await call(routes, '/webhooks/pagerduty', svc, { 'x-pagerduty-signature': pagerDutySignature(Buffer.from(svc), secret) })).json).toMatchObject({ accepted: 0, ignored: 1 });
    } finally {
      if (prev === undefined) delete process.env.SITREP_PAGERDUTY_SECRET;
      else process.env.SITREP_PAGERDUTY_SECRET = prev;
    }
  });

  it('secrets: webhooks.json created 0600 with a random token, reused, env override; setup text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-wh-'));
    dirs.push(dir);
    const ctx = testContext(dir);
    const a = webhookSecrets(ctx, {});
    expect(a.token.length).toBeGreaterThanOrEqual(32);
    expect(statSync(join(dir, 'webhooks.json')).mode & 0o777).toBe(0o600);
    expect(webhookSecrets(ctx, {}).token).toBe(a.token);
    expect(webhookSecrets(ctx, { SITREP_WEBHOOK_TOKEN: 'from-env-token' }).token).toBe('from-env-token');
    const other = mkdtempSync(join(tmpdir(), 'sitrep-wh2-'));
    dirs.push(other);
    expect(webhookSecrets(testContext(other), {}).token).not.toBe(a.token);
    const text = describeWebhookSetup(ctx, 'http://127.0.0.1:9999');
    expect(text).toContain('url: http://127.0.0.1:9999/webhooks/alertmanager');
    expect(text).toContain(`credentials: ${webhookSecrets(ctx).token}`);
  });
});
