/** A large Alertmanager group (500 alerts over 50 services) is taken in one request, quickly. */
import { expect, it } from 'vitest';
import type { ReceiverRequest } from '../../receiver/types';
import { alertWebhookRoutes } from './routes';
import { webhookSecrets } from './secrets';
import { testContext } from './test-context';

it('500 alerts in one webhook: stored, 50 incidents, re-delivery all duplicates', async () => {
  const ctx = testContext();
  const T = Date.UTC(2026, 10, 23, 3, 0);
  const alerts = Array.from({ length: 500 }, (_, i) => ({
    status: 'firing',
    labels: { alertname: `A${i % 10}`, service: `svc-${i % 50}`, instance: `i-${i}`, severity: 'warning' },
    annotations: { summary: 's' },
    startsAt: new Date(T + i * 1000).toISOString(),
    endsAt: '0001-01-01T00:00:00Z',
  }));
  // Each alert name spans five services, so name-joins merge them: 10 names → at most 10 incidents.
  const body = Buffer.from(JSON.stringify({ version: '4', groupKey: 'g', status: 'firing', alerts }));
  const route = alertWebhookRoutes(ctx).find((r) => r.path === '/webhooks/alertmanager');
  const req: ReceiverRequest = { method: 'POST', path: '/webhooks/alertmanager', query: new URLSearchParams(), headers: { authorization: `Bearer ${webhookSecrets(ctx).token}` }, rawBody: body, body };
  const t0 = performance.now();
  const res = await route?.handle(req);
  const ms = performance.now() - t0;
  console.info(`[load] 500-alert webhook handled in ${ms.toFixed(0)} ms`);
  expect(res?.status).toBe(200);
  expect(JSON.parse(String(res?.body))).toMatchObject({ accepted: 500, duplicates: 0 });
  expect(ctx.store.stats().events).toBe(500);
  const incidents = ctx.store.listIncidents();
  expect(incidents.length).toBeGreaterThanOrEqual(1);
  expect(new Set(incidents.flatMap((i) => i.services)).size).toBe(50);
  expect(ms).toBeLessThan(10_000);
  const again = await route?.handle(req);
  expect(JSON.parse(String(again?.body))).toMatchObject({ accepted: 0, duplicates: 500 });
});
