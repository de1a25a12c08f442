import { expect, test } from '@playwright/test';
import { startHost, type Host } from './host';

let host: Host;
test.beforeAll(async () => {
  host = await startHost({ events: 10_000 });
});
test.afterAll(async () => {
  await host?.stop();
});

test('every request needs the per-run token', async ({ request }) => {
  expect((await request.get(host.origin + '/')).status()).toBe(401);
  expect((await request.post(host.origin + '/api/invoke/app.info', { data: {} })).status()).toBe(401);
  const ok = await request.post(host.origin + '/api/invoke/app.info', {
    data: {},
    headers: { authorization: `Bearer ${host.token}` },
  });
  expect(ok.status()).toBe(200);
  expect(await ok.json()).toMatchObject({ ok: true, value: { name: 'Sitrep', host: 'browser' } });
});

test('a foreign Origin is refused even with the token', async ({ request }) => {
  const r = await request.post(host.origin + '/api/invoke/app.info', {
    data: {},
    headers: { authorization: `Bearer ${host.token}`, origin: 'http://evil.example' },
  });
  expect(r.status()).toBe(403);
});

test('malformed input gets a typed error, unknown channels are refused', async ({ request }) => {
  const headers = { authorization: `Bearer ${host.token}` };
  const bad = await request.post(host.origin + '/api/invoke/timeline.window', { data: { from: 'yesterday' }, headers });
  expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'bad_input' } });
  const unknown = await request.post(host.origin + '/api/invoke/shell.exec', { data: {}, headers });
  expect(unknown.status()).toBe(404);
  expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
});

test('the page is served with a strict CSP', async ({ page }) => {
  const response = await page.goto(host.url);
  const csp = (await response?.allHeaders())?.['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-eval');
});
