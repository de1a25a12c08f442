import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { root, startHost, type Host } from './host';

const INCIDENT = 'INC-2026-0314-001';
let host: Host;

test.beforeAll(async () => {
  host = await startHost({ events: 20_000 });
});
test.afterAll(async () => {
  await host?.stop();
});

interface HitTarget {
  id: number;
  lane: string;
  kind: string;
  name: string;
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

/** Waits until fetches settle and two frames have drawn, so hit targets match what is on screen. */
async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
}

async function visibleRange(page: Page): Promise<string> {
  return (await page.getByTestId('visible-range').textContent()) ?? '';
}

async function openDemoIncident(page: Page): Promise<void> {
  await page.goto(host.url);
  // The token moves into an HttpOnly cookie and leaves the address bar.
  await expect(page).not.toHaveURL(/token=/);
  await expect(page.getByTestId('incident-list')).toBeVisible();
  await page.getByTestId(`incident-row-${INCIDENT}`).click();
  await expect(page.getByTestId('incident-view')).toBeVisible();
  await expect(page.getByTestId('timeline')).toBeVisible();
}

test('open the demo incident and see every lane', async ({ page }) => {
  await openDemoIncident(page);
  for (const lane of ['alerts', 'changes', 'llm', 'agent', 'traces', 'gpu', 'inference', 'infra', 'logs']) {
    await expect(page.getByTestId(`lane-${lane}`)).toBeVisible();
  }
  await expect(page.getByTestId('incident-view')).toContainText('support-agent');
  await expect.poll(async () => (await hitTargets(page)).length).toBeGreaterThan(0);
  mkdirSync(join(root, 'e2e-artifacts'), { recursive: true });
  await page.screenshot({ path: join(root, 'e2e-artifacts', 'incident-view.png') });
});

test('zoom, pan and brush the timeline', async ({ page }) => {
  await openDemoIncident(page);
  const timeline = page.getByTestId('timeline');
  const box = (await timeline.boundingBox())!;
  const start = await visibleRange(page);

  await page.getByTestId('zoom-in').click();
  await expect.poll(() => visibleRange(page)).not.toBe(start);
  const zoomed = await visibleRange(page);

  // Wheel zoom around the pointer.
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.4);
  await page.mouse.wheel(0, -400);
  await expect.poll(() => visibleRange(page)).not.toBe(zoomed);
  const wheeled = await visibleRange(page);

  // Drag pans.
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.4);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.4, { steps: 8 });
  await page.mouse.up();
  await expect.poll(() => visibleRange(page)).not.toBe(wheeled);

  // Keyboard: 0 resets to the incident window.
  await page.keyboard.press('0');
  await expect.poll(() => visibleRange(page)).toBe(start);

  // Shift+drag brushes a window that the detail panels follow.
  await page.keyboard.down('Shift');
  await page.mouse.move(box.x + box.width * 0.45, box.y + box.height * 0.4);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.65, box.y + box.height * 0.4, { steps: 6 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  await expect(page.getByTestId('brush-range')).toBeVisible();
  await expect(page.getByTestId('logs-list')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('brush-range')).toBeHidden();
});

test('click a span and read its details', async ({ page }) => {
  await openDemoIncident(page);
  // Zoom in until individual spans are drawn, then click one.
  let span: HitTarget | undefined;
  for (let i = 0; i < 8 && !span; i++) {
    await settled(page);
    span = (await hitTargets(page)).find((t) => t.kind === 'span' && t.w >= 2);
    if (!span) await page.getByTestId('zoom-in').click();
  }
  expect(span, 'a span drawn on the traces lane').toBeDefined();
  await page.mouse.click(span!.x + Math.max(1, span!.w / 2), span!.y + span!.h / 2);
  const details = page.getByTestId('event-details');
  await expect(details).toContainText(span!.name);
  await expect(details).toContainText(/trace/i);

  // An LLM call shows its tokens and cost.
  await settled(page);
  const llm = (await hitTargets(page)).find((t) => t.kind === 'llm_call');
  if (llm) {
    await page.mouse.click(llm.x + Math.max(1, llm.w / 2), llm.y + llm.h / 2);
    await expect(details).toContainText(/tokens/i);
  }
});

test('keyboard: help overlay, theme and back to the list', async ({ page }) => {
  await openDemoIncident(page);
  await page.keyboard.press('?');
  await expect(page.getByTestId('help-overlay')).toBeVisible();
  await expect(page.getByTestId('help-overlay')).toContainText(/zoom/i);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('help-overlay')).toBeHidden();
  const before = await page.locator('html').getAttribute('data-theme');
  await page.getByTestId('theme-toggle').click();
  await expect.poll(() => page.locator('html').getAttribute('data-theme')).not.toBe(before);
  await page.getByTestId('back-to-incidents').click();
  await expect(page.getByTestId('incident-list')).toBeVisible();
});
