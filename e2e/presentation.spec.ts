/**
 * Presentation mode through the browser host: an incident seeded with known secrets (an
 * OpenAI-style key, an email, an IP, a bearer token, a user id, prompt text, a label marked
 * sensitive) is opened; `p` turns presentation on; none of the secrets may then appear in the
 * page's text, in any attribute (title, aria-label, data-*), in the timeline's hover cards, or in
 * the clipboard after the app's copy actions. `p` again shows them.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pageLeaks, startSeededHost, type Host } from './host';

const INCIDENT = 'INC-E2E-PRESENT';
const T0 = Date.UTC(2026, 2, 14, 2, 0);
const MIN = 60_000;

const KEY = 'sk-proj-Zq8WnP3kLm5RtY7vBx2CdF9gH4';
const EMAIL = 'dana.whitfield@acme-corp.example';
const IP = '10.42.17.93';
const BEARER = '9fQ2xLm7RpVz4NcW8sYeA1bK';
const USER = 'u-7731904';
const PROMPT = 'Summarise the refund policy for order ORD-55102938 politely';
const TENANT = 'globex-industries';
const SECRETS = [KEY, EMAIL, IP, BEARER, USER, 'refund policy for order', TENANT];
const SHOTS = process.env.SITREP_SHOTS ?? join(tmpdir(), 'sitrep-shots');

const seed = {
  sitrep: 1,
  events: [
    { kind: 'log', externalId: 'p-1', ts: T0 + 2 * MIN, service: 'refund-agent', severity: 'error', body: `upstream 401 for ${EMAIL} from ${IP} using ${KEY}` },
    { kind: 'log', externalId: 'p-2', ts: T0 + 3 * MIN, service: 'refund-agent', severity: 'warn', body: `retrying with Authorization: Bearer ${BEARER} for user_id=${USER}` },
    { kind: 'log', externalId: 'p-3', ts: T0 + 4 * MIN, service: 'refund-agent', severity: 'info', body: `quota exceeded for ${TENANT}` },
    {
      kind: 'llm_call',
      externalId: 'p-4',
      ts: T0 + 5 * MIN,
      service: 'refund-agent',
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: 'a1b2c3d4e5f60718',
      provider: 'openai',
      model: 'gpt-4o',
      operation: 'chat',
      inputTokens: 1200,
      outputTokens: 300,
      costUsd: 0.012,
      latencyMs: 2400,
      status: 'ok',
      inputPreview: PROMPT,
      outputPreview: `Refund approved; confirmation sent to ${EMAIL}`,
      attrs: { 'user.id': USER, 'client.address': IP },
    },
    {
      kind: 'alert',
      externalId: 'p-5:firing',
      ts: T0 + 6 * MIN,
      service: 'refund-agent',
      name: 'RefundAgentErrors',
      fingerprint: 'p-5',
      severity: 'critical',
      state: 'firing',
      labels: { service: 'refund-agent', tenant: TENANT },
      summary: `refund-agent errors for ${TENANT}`,
      runbookUrl: `https://runbooks.example/refunds?owner=${EMAIL}&api_key=${KEY}`,
    },
  ],
  incidents: [
    {
      id: INCIDENT,
      title: 'Refund agent failing for a key customer',
      severity: 'sev2',
      status: 'open',
      startedAt: T0 + 2 * MIN,
      detectedAt: T0 + 6 * MIN,
      resolvedAt: null,
      windowFrom: T0,
      windowTo: T0 + 10 * MIN,
      services: ['refund-agent'],
      summary: `Refunds fail for ${EMAIL} since the key ${KEY} was rotated`,
    },
  ],
};

let host: Host;
let cleanup: () => Promise<void>;

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test.beforeAll(async () => {
  ({ host, cleanup } = await startSeededHost(seed, 'sitrep-e2e-present-'));
  mkdirSync(SHOTS, { recursive: true });
});
test.afterAll(async () => {
  await cleanup?.();
});

const leaks = (page: Page): Promise<string[]> => pageLeaks(page, SECRETS);

async function clipboard(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText());
}

async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
}

interface HitTarget {
  id: number;
  kind: string;
  x: number;
  y: number;
  w: number;
  h: number;
}
async function hitTargets(page: Page): Promise<HitTarget[]> {
  return page.evaluate(() => {
    const t = (window as unknown as { __sitrepTimeline?: { hitTargets(): HitTarget[] } }).__sitrepTimeline;
    return t ? t.hitTargets() : [];
  });
}

/** Selects every row of the events list (all kinds) in turn; calls `check` with each shown. */
async function eachEvent(page: Page, check: (i: number) => Promise<void>): Promise<number> {
  const rows = page.getByTestId('logs-list').getByRole('option');
  await expect(rows).toHaveCount(5);
  for (let i = 0; i < 5; i++) {
    await rows.nth(i).click();
    await expect(page.getByTestId('event-details')).not.toContainText('Select an event');
    await settled(page);
    await check(i);
  }
  return 5;
}

test('presentation mode masks every seeded secret on screen, in attributes, hover cards and copied text; p again shows them', async ({ page }) => {
  await page.goto(host.url);
  await page.getByTestId(`incident-row-${INCIDENT}`).click();
  await expect(page.getByTestId('incident-view')).toBeVisible();
  await page.getByLabel('All kinds').check();
  await settled(page);
  // Before: the secrets are there (the test would prove nothing otherwise).
  await page.getByTestId('logs-list').getByRole('option').first().click();
  await expect.poll(() => leaks(page)).toEqual(expect.arrayContaining([EMAIL, IP, KEY]));

  await page.keyboard.press('p');
  await expect(page.getByTestId('presenting-badge')).toHaveText(/PRESENTING · redaction on/);
  await expect(page.locator('html')).toHaveClass(/presenting/);

  // Mark the `tenant` label sensitive.
  await page.getByTestId('presentation-settings-open').click();
  await page.getByTestId('presentation-label-input').fill('tenant');
  await page.getByRole('button', { name: 'Add' }).click();
  await page.screenshot({ path: join(SHOTS, 'presentation-settings.png') });
  await page.getByTestId('presentation-save').click();
  await expect(page.getByTestId('presentation-settings')).toBeHidden();
  await settled(page);
  await page.screenshot({ path: join(SHOTS, 'presentation-on.png') });

  expect(await leaks(page)).toEqual([]);
  await eachEvent(page, async (i) => {
    expect(await leaks(page), `event row ${i}`).toEqual([]);
    const copy = page.getByTestId('event-details').getByRole('button', { name: /^Copy/ });
    for (let c = 0; c < (await copy.count()); c++) {
      await copy.nth(c).click();
      const text = await clipboard(page);
      expect(text.length, 'something was copied').toBeGreaterThan(0);
      for (const s of SECRETS) expect(text, `clipboard after copy ${c} of row ${i}`).not.toContain(s);
    }
  });
  await expect(page.getByTestId('event-details')).toContainText('‹');
  await page.screenshot({ path: join(SHOTS, 'presentation-details.png') });

  // Hover cards on the timeline: every item drawn, lanes below the fold scrolled into view.
  const hoveredKinds = new Set<string>();
  for (const scroll of ['top', 'bottom'] as const) {
    await page.mouse.move(5, 5);
    await page.evaluate((to) => {
      const body = document.querySelector('.tl-body');
      if (body) body.scrollTop = to === 'top' ? 0 : body.scrollHeight;
    }, scroll);
    await settled(page);
    const box = (await page.locator('.tl-body').boundingBox())!;
    for (const t of await hitTargets(page)) {
      const y = t.y + t.h / 2;
      if (y < box.y + 30 || y > box.y + box.height - 2) continue;
      await page.mouse.move(t.x + Math.max(1, t.w / 2), y);
      const card = page.getByTestId('timeline-hover');
      await expect(card).toBeVisible();
      await expect(card).not.toContainText('loading…');
      expect(await leaks(page), `hover card of ${t.kind} ${t.id}`).toEqual([]);
      hoveredKinds.add(t.kind);
    }
  }
  expect([...hoveredKinds].sort()).toEqual(['alert', 'llm_call', 'log']);
  await page.screenshot({ path: join(SHOTS, 'presentation-hover.png') });

  // The light theme (daylight, projectors) presents with its own high-contrast palette.
  await page.mouse.move(5, 5);
  await page.keyboard.press('t');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(await leaks(page)).toEqual([]);
  await page.screenshot({ path: join(SHOTS, 'presentation-light.png') });
  await page.keyboard.press('t');

  // The same key turns it off: the secrets are back.
  await page.keyboard.press('p');
  await expect(page.getByTestId('presenting-badge')).toBeHidden();
  await expect(page.locator('html')).not.toHaveClass(/presenting/);
  await settled(page);
  await page.getByTestId('logs-list').getByRole('option').first().click();
  await expect.poll(() => leaks(page)).toEqual(expect.arrayContaining([EMAIL, IP, KEY]));
  const alertRow = page.getByTestId('logs-list').getByRole('option').filter({ hasText: 'RefundAgentErrors' });
  await alertRow.click();
  await page.getByTestId('event-details').getByRole('button', { name: 'Copy link' }).click();
  expect(await clipboard(page)).toContain(EMAIL);
});
