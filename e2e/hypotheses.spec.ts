/**
 * The hypothesis panel over the demo incident in `sitrep serve`: ranked hypotheses, evidence that
 * zooms the timeline and highlights its event, a rejection that survives a reload, and a remote
 * model review streamed from a loopback OpenAI-compatible server started by this file.
 */
import { expect, test, type Page } from '@playwright/test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOpenAiServer, type OpenAiServer } from '../src/core/model/testing/openai-server';
import { DROPPED_CLAIM, GROUNDED_CLAIM, scriptedReview, UNKNOWN_EVIDENCE_ID } from '../src/core/model/testing/scripted-review';
import { startHost, type Host } from './host';

const INCIDENT = 'INC-2026-0314-001';
const shots = tmpdir();
let host: Host;
let llm: OpenAiServer;

test.beforeAll(async () => {
  llm = await startOpenAiServer({ generate: scriptedReview({ pieceChars: 4, delayMs: 15 }), models: ['tiny-chat'] });
  host = await startHost({ events: 20_000 });
});
test.afterAll(async () => {
  await host?.stop();
  await llm?.close();
});

async function openDemoIncident(page: Page): Promise<void> {
  await page.goto(host.url);
  await expect(page.getByTestId('incident-list')).toBeVisible();
  await page.getByTestId(`incident-row-${INCIDENT}`).click();
  await expect(page.getByTestId('incident-view')).toBeVisible();
  await expect(page.getByTestId('hypothesis-1')).toBeVisible({ timeout: 20_000 });
}

const visibleRange = async (page: Page): Promise<string> => (await page.getByTestId('visible-range').textContent()) ?? '';

const timelineState = (page: Page) =>
  page.evaluate(() => {
    const t = (window as unknown as { __sitrepTimeline?: { selectedId: number | null; hitTargets(): { id: number }[] } }).__sitrepTimeline;
    return { selectedId: t?.selectedId ?? null, drawn: (t?.hitTargets() ?? []).map((h) => h.id) };
  });

test('the panel lists ranked hypotheses for the demo incident', async ({ page }) => {
  await openDemoIncident(page);
  const panel = page.getByTestId('hypotheses-panel');
  await expect(panel.getByTestId('hypothesis-1')).toContainText('%');
  await expect(panel.getByTestId('hypothesis-2')).toBeVisible();
  await expect(panel).toContainText(/Triage: sev\d/);
  await panel.screenshot({ path: join(shots, 'sitrep-hypotheses-panel.png') });
});

test('clicking evidence zooms the timeline there and highlights its event', async ({ page }) => {
  await openDemoIncident(page);
  const before = await visibleRange(page);
  const evidence = page.getByTestId('hypothesis-1').locator('button.ev-link:not([data-event-id=""])').first();
  const eventId = Number(await evidence.getAttribute('data-event-id'));
  expect(eventId).toBeGreaterThan(0);
  await evidence.click();
  await expect.poll(() => visibleRange(page)).not.toBe(before);
  await expect(evidence).toHaveAttribute('aria-pressed', 'true');
  // The event is selected (its lane draws it highlighted) and drawn in the new window.
  await expect.poll(async () => (await timelineState(page)).selectedId).toBe(eventId);
  await expect.poll(async () => (await timelineState(page)).drawn.includes(eventId)).toBe(true);
  await page.screenshot({ path: join(shots, 'sitrep-evidence-zoom.png') });
});

test('rejecting needs a reason, moves the hypothesis to the rejected list, and survives a reload', async ({ page }) => {
  await openDemoIncident(page);
  const card = page.getByTestId('hypothesis-2');
  const title = ((await card.locator('.hyp-title').textContent()) ?? '').trim();
  await card.getByRole('button', { name: 'Reject…' }).click();
  const reject = card.getByRole('button', { name: 'Reject', exact: true });
  await expect(reject).toBeDisabled();
  await card.getByRole('textbox').fill('the deploy touched a service that never degraded');
  await reject.click();
  const rejected = page.getByTestId('hypotheses-rejected');
  await expect(rejected).toContainText(title);
  await expect(rejected).toContainText('the deploy touched a service that never degraded');
  await page.reload();
  await openDemoIncident(page);
  await expect(page.getByTestId('hypotheses-rejected')).toContainText(title);
  await expect(page.getByTestId('hypotheses-rejected')).toContainText('the deploy touched a service that never degraded');
  await page.getByTestId('hypotheses-rejected').scrollIntoViewIfNeeded();
  await page.getByTestId('hypotheses-panel').screenshot({ path: join(shots, 'sitrep-hypotheses-rejected.png') });
});

test('a remote model review streams in, shows its dropped claim and what left the machine', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('incident-list')).toBeVisible();
  // Choose the loopback endpoint in the model settings (Connections screen, key c).
  await page.keyboard.press('c');
  const settings = page.getByTestId('model-settings');
  await expect(settings).toBeVisible();
  await settings.getByTestId('model-mode-remote').check();
  await settings.getByTestId('model-url').fill(llm.url);
  await settings.getByTestId('model-name').fill('tiny-chat');
  await settings.getByTestId('model-save').click();
  await expect(settings).toContainText('Saved.');
  await settings.getByTestId('model-doctor').click();
  await expect(settings.getByTestId('doctor-findings')).toContainText('answered the model list');
  await settings.screenshot({ path: join(shots, 'sitrep-model-settings.png') });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('incident-list')).toBeVisible();

  await page.getByTestId(`incident-row-${INCIDENT}`).click();
  const panel = page.getByTestId('hypotheses-panel');
  await expect(panel.getByTestId('hypothesis-1')).toBeVisible({ timeout: 20_000 });
  await panel.getByTestId('explain-with-model').click();
  const stream = panel.getByTestId('review-stream');
  await expect(stream).toContainText('"summary"');
  const early = (await stream.textContent()) ?? '';
  await expect(panel.getByTestId('egress-indicator')).toContainText(`remote ${new URL(llm.url).host}`);
  await page.screenshot({ path: join(shots, 'sitrep-review-streaming.png') });
  await expect.poll(async () => ((await stream.textContent()) ?? '').length).toBeGreaterThan(early.length);

  const result = panel.getByTestId('review-result');
  await expect(result).toBeVisible({ timeout: 20_000 });
  await expect(panel.getByTestId('review-stream')).toHaveCount(0);
  const dropped = panel.getByTestId('dropped-claim');
  await expect(dropped).toHaveCount(1);
  await expect(dropped).toContainText(DROPPED_CLAIM);
  await expect(dropped).toContainText(`not in the bundle: ${UNKNOWN_EVIDENCE_ID}`);
  await expect(panel.getByTestId('egress-indicator')).toContainText(/(redacted .+|nothing needed redacting) · [\d.]+ kB sent/);
  await expect(panel.getByTestId('hypothesis-1')).toContainText(GROUNDED_CLAIM);
  await panel.screenshot({ path: join(shots, 'sitrep-review-done.png') });

  // The reviewed result is the incident's latest analysis: it is there after a reload.
  await page.reload();
  await page.getByTestId(`incident-row-${INCIDENT}`).click();
  await expect(page.getByTestId('dropped-claim')).toContainText(DROPPED_CLAIM, { timeout: 20_000 });

  // A slow answer can be cancelled; the hypotheses stay as they were.
  llm.setGenerator(scriptedReview({ pieceChars: 2, delayMs: 200 }));
  await page.getByTestId('explain-with-model').click();
  await expect(page.getByTestId('review-stream')).toContainText('{');
  await page.getByTestId('review-cancel').click();
  await expect(page.getByTestId('review-error')).toContainText('Review cancelled');
  await expect(page.getByTestId('dropped-claim')).toContainText(DROPPED_CLAIM);
});
