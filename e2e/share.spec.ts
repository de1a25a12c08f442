/**
 * Live read-only share through the browser host: the commander starts a share; a second browser
 * context opens the viewer link, follows the commander's incident, window, selection and cursor,
 * sees none of the seeded secrets, and gets `forbidden` from every channel not on the viewer
 * allowlist (called directly with fetch); stopping the share cuts the viewer off, and the token
 * of an expired share is refused.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHANNEL_NAMES } from '../src/shared/channel-names';
import { isViewerChannel } from '../src/shared/viewer-channels';
import { pageLeaks, startSeededHost, type Host } from './host';

const INCIDENT = 'INC-E2E-SHARE';
const T0 = Date.UTC(2026, 2, 14, 2, 0);
const MIN = 60_000;
const KEY = 'sk-proj-Hv7Lq2WmX9pRt4ZsKc8NdB3f';
const EMAIL = 'priya.nair@initech.example';
const IP = '172.16.40.21';
const PROMPT = 'Cancel every subscription for customer 88123 immediately';
const SECRETS = [KEY, EMAIL, IP, 'every subscription for customer'];
const SHOTS = process.env.SITREP_SHOTS ?? join(tmpdir(), 'sitrep-shots');

const seed = {
  sitrep: 1,
  events: [
    { kind: 'log', externalId: 's-1', ts: T0 + 2 * MIN, service: 'billing-agent', severity: 'error', body: `payment API refused ${KEY} for ${EMAIL} from ${IP}` },
    {
      kind: 'llm_call',
      externalId: 's-2',
      ts: T0 + 4 * MIN,
      service: 'billing-agent',
      provider: 'openai',
      model: 'gpt-4o-mini',
      operation: 'chat',
      inputTokens: 800,
      outputTokens: 120,
      costUsd: 0.002,
      latencyMs: 1500,
      status: 'ok',
      inputPreview: PROMPT,
      outputPreview: `Done: cancelled for ${EMAIL}`,
    },
    {
      kind: 'alert',
      externalId: 's-3:firing',
      ts: T0 + 5 * MIN,
      service: 'billing-agent',
      name: 'BillingAgentCancellations',
      fingerprint: 's-3',
      severity: 'critical',
      state: 'firing',
      labels: { service: 'billing-agent' },
      summary: `mass cancellations started from ${IP}`,
    },
  ],
  incidents: [
    {
      id: INCIDENT,
      title: 'Billing agent cancelling subscriptions',
      severity: 'sev1',
      status: 'open',
      startedAt: T0 + 2 * MIN,
      detectedAt: T0 + 5 * MIN,
      resolvedAt: null,
      windowFrom: T0,
      windowTo: T0 + 10 * MIN,
      services: ['billing-agent'],
      summary: `Reported by ${EMAIL}`,
    },
  ],
};

let host: Host;
let cleanup: () => Promise<void>;

test.beforeAll(async () => {
  ({ host, cleanup } = await startSeededHost(seed, 'sitrep-e2e-share-'));
  mkdirSync(SHOTS, { recursive: true });
});
test.afterAll(async () => {
  await cleanup?.();
});

const leaks = (page: Page): Promise<string[]> => pageLeaks(page, SECRETS);

/** Calls a channel from inside the page, as a hostile script in the viewer's page could. */
async function invoke(page: Page, channel: string, input: unknown): Promise<{ status: number; body: { ok: boolean; error?: { code: string } } | null }> {
  return page.evaluate(
    async ([c, i]) => {
      const r = await fetch(`/api/invoke/${encodeURIComponent(c)}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(i) });
      const body = (await r.json().catch(() => null)) as { ok: boolean; error?: { code: string } } | null;
      return { status: r.status, body };
    },
    [channel, input] as const,
  );
}

async function startShareFromUi(page: Page): Promise<string> {
  await page.getByTestId('share-open').click();
  await expect(page.getByTestId('share-dialog')).toBeVisible();
  await expect(page.getByTestId('share-listen')).toHaveValue('127.0.0.1');
  // A network address warns before anything starts.
  await page.getByTestId('share-listen').fill('0.0.0.0');
  await expect(page.getByTestId('share-exposed-warning')).toBeVisible();
  await page.getByTestId('share-listen').fill('127.0.0.1');
  await expect(page.getByTestId('share-exposed-warning')).toBeHidden();
  await page.getByTestId('share-name').fill('Ana');
  await page.getByTestId('share-start').click();
  await expect(page.getByTestId('share-active')).toBeVisible();
  const url = (await page.getByTestId('share-url').textContent()) ?? '';
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?view=1&token=[A-Za-z0-9_-]{43}$/);
  expect(new URL(url).port).not.toBe(new URL(host.url).port);
  await page.screenshot({ path: join(SHOTS, 'share-dialog.png') });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('share-dialog')).toBeHidden();
  return url;
}

async function openViewer(browser: Browser, url: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1600, height: 900 } });
  const viewer = await ctx.newPage();
  await viewer.goto(url);
  await expect(viewer).not.toHaveURL(/token=/);
  await expect(viewer.getByTestId('viewer-app')).toBeVisible();
  return viewer;
}

test('a viewer follows the commander, sees nothing secret, can call nothing that changes anything, and is cut off on stop', async ({ page, browser }) => {
  await page.goto(host.url);
  await page.getByTestId(`incident-row-${INCIDENT}`).click();
  await expect(page.getByTestId('incident-view')).toBeVisible();
  const url = await startShareFromUi(page);

  const viewer = await openViewer(browser, url);
  await expect(viewer.getByTestId('viewer-badge')).toHaveText(/^View only · following Ana · ends \d\d:\d\d UTC$/);
  await expect(page.getByTestId('share-open')).toHaveText(/Sharing · 1 viewer/);

  // The viewer follows the commander's incident and window.
  await expect(viewer.getByRole('heading', { name: 'Billing agent cancelling subscriptions' })).toBeVisible();
  const range = async (p: Page) => (await p.getByTestId('visible-range').textContent()) ?? '';
  await expect.poll(() => range(viewer)).toBe(await range(page));
  await page.getByTestId('zoom-in').click();
  await expect.poll(() => range(page)).not.toBe('2026-03-14 02:00:00 – 02:10:00');
  await expect.poll(() => range(viewer)).toBe(await range(page));

  // The commander's cursor is drawn on the viewer's timeline.
  const box = (await page.locator('.tl-canvas').boundingBox())!;
  // The pointer is moved until the report lands (a hover card opening under it can end the crosshair).
  let step = 0;
  await expect(async () => {
    step += 1;
    await page.mouse.move(box.x + box.width * (0.5 + step / 100), box.y + 60, { steps: 3 });
    await expect(viewer.getByTestId('commander-cursor')).toBeVisible({ timeout: 1_500 });
  }).toPass({ timeout: 20_000 });
  await expect(viewer.getByTestId('commander-cursor')).toContainText('Ana');

  // ...and the commander's selection, masked.
  await page.getByLabel('All kinds').check();
  await page.getByTestId('logs-list').getByRole('option').filter({ hasText: 'gpt-4o-mini' }).click();
  await expect(viewer.getByTestId('event-details')).toContainText('gpt-4o-mini');
  await expect(viewer.getByTestId('event-details')).toContainText('‹prompt·');
  // Showing every kind of event is the viewer's own display choice (nothing is sent to the core but reads).
  await viewer.getByLabel('All kinds').check();
  await expect(viewer.getByTestId('logs-list').getByRole('option')).not.toHaveCount(0);
  await viewer.waitForLoadState('networkidle');
  expect(await leaks(viewer)).toEqual([]);
  await viewer.screenshot({ path: join(SHOTS, 'share-viewer.png') });

  // No mutating control on the viewer's page...
  for (const id of ['share-open', 'presentation-toggle', 'auth-indicator', 'back-to-incidents']) await expect(viewer.getByTestId(id)).toHaveCount(0);
  await expect(viewer.getByRole('button', { name: /^(Accept|Reject|Re-run|Explain with model)/ })).toHaveCount(0);
  // ...and every channel off the allowlist is refused when called directly.
  const refused = CHANNEL_NAMES.filter((c) => !isViewerChannel(c));
  for (const channel of refused) {
    const r = await invoke(viewer, channel, {});
    expect(r.body?.error?.code, channel).toBe('forbidden');
  }
  expect((await invoke(viewer, 'presentation.set', { on: false })).body?.error?.code).toBe('forbidden');
  const upload = await viewer.evaluate(async () => (await fetch('/api/import', { method: 'POST', headers: { 'X-Sitrep-Filename': 'x.json' }, body: '{"sitrep":1}' })).status);
  expect(upload).toBe(403);
  expect((await invoke(viewer, 'incidents.list', {})).body?.ok).toBe(true);

  // Stop: the viewer is cut off at once, and its token no longer works.
  await page.getByTestId('share-open').click();
  await page.getByTestId('share-stop').click();
  await expect(page.getByTestId('share-ended')).toContainText('was stopped');
  await expect(viewer.getByTestId('viewer-ended')).toContainText('The commander stopped sharing.');
  expect((await invoke(viewer, 'incidents.list', {})).status).toBe(401);
  await viewer.screenshot({ path: join(SHOTS, 'share-ended.png') });
  await viewer.context().close();
});

test('the token of an expired share is refused', async ({ page, browser }) => {
  await page.goto(host.url);
  await expect(page.getByTestId(`incident-row-${INCIDENT}`)).toBeVisible();
  // The panel offers 15 minutes and more; the contract allows a short share for a caller that asks.
  const started = await invoke(page, 'share.start', { listen: '127.0.0.1', port: 0, expiresInSec: 10 });
  expect(started.body?.ok).toBe(true);
  const url = (started.body as unknown as { value: { url: string } }).value.url;
  const viewer = await openViewer(browser, url);
  expect((await invoke(viewer, 'share.state', {})).status).toBe(200);
  await expect(viewer.getByTestId('viewer-ended')).toBeVisible({ timeout: 20_000 });
  await expect(viewer.getByTestId('viewer-ended')).toContainText('end time');
  expect((await invoke(viewer, 'share.state', {})).status).toBe(401);
  const again = await browser.newContext();
  const fresh = await again.newPage();
  const res = await fresh.goto(url);
  expect(res?.status()).toBe(401);
  await again.close();
  await viewer.context().close();
  expect((await invoke(page, 'share.status', {})).body).toMatchObject({ ok: true, value: { active: false, ended: { reason: 'expired' } } });
});
