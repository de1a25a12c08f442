/**
 * The postmortem of the demo incident in `sitrep serve`: open it from the header (and with `d`),
 * edit a section (saved on Ctrl+Enter and on leaving the field, kept over a reload), jump from a
 * timeline moment to the timeline, and export PDF and Markdown as downloads, read back with a PDF
 * parser: the page count the screen reports, the edited text, every heading.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPdf } from '../src/core/postmortem/pdf-read';
import { startHost, type Host } from './host';

const INCIDENT = 'INC-2026-0314-001';
const SECTIONS = ['Summary', 'Impact', 'Timeline', 'Root cause', 'What was tried and rejected', 'Contributing factors', 'Action items', 'Response times'];
const EDITED = 'Prompt v42 dropped the JSON instruction; rolling back to v41 fixed it within 6 minutes.';
const shots = tmpdir();
let host: Host;

test.beforeAll(async () => {
  host = await startHost({ events: 20_000 });
});
test.afterAll(async () => {
  await host?.stop();
});

async function openPostmortem(page: Page): Promise<void> {
  await page.goto(host.url);
  await expect(page.getByTestId('incident-list')).toBeVisible();
  await page.getByTestId(`incident-row-${INCIDENT}`).click();
  await expect(page.getByTestId('incident-view')).toBeVisible();
  await page.getByTestId('open-postmortem').click();
  await expect(page.getByTestId('postmortem')).toBeVisible();
  await expect(page.getByTestId('pm-section-summary')).toBeVisible({ timeout: 20_000 });
}

const timelineSelected = (page: Page) => page.evaluate(() => (window as unknown as { __sitrepTimeline?: { selectedId: number | null } }).__sitrepTimeline?.selectedId ?? null);

test('drafts the postmortem: every section, the response times, the moments of the timeline', async ({ page }) => {
  await openPostmortem(page);
  const pm = page.getByTestId('postmortem');
  for (const title of SECTIONS) await expect(pm.getByRole('heading', { name: title, exact: true })).toBeVisible();
  await expect(page.getByTestId('pm-tile-detect')).toContainText('5m 00s');
  await expect(page.getByTestId('pm-tile-resolve')).toContainText('27m 00s');
  await expect(page.getByTestId('pm-text-root_cause')).toHaveValue(/Prompt release support-agent\/system-prompt/);
  await expect(pm.getByTestId('pm-moment').filter({ hasText: 'SupportAgentInvalidJSONRate firing' })).toBeVisible();
  await page.screenshot({ path: join(shots, 'sitrep-postmortem.png') });
  await page.getByTestId('pm-section-timeline').scrollIntoViewIfNeeded();
  await page.getByTestId('pm-section-timeline').screenshot({ path: join(shots, 'sitrep-postmortem-timeline.png') });
});

test('edits are saved on Ctrl+Enter and on leaving the field, and kept over a reload', async ({ page }) => {
  await openPostmortem(page);
  const summary = page.getByTestId('pm-text-summary');
  await summary.fill(EDITED);
  await summary.press('Control+Enter');
  await expect(page.getByTestId('pm-state-summary')).toContainText('Saved');
  await expect(page.getByTestId('pm-edited-summary')).toContainText('edited by');
  const items = page.getByTestId('pm-text-action_items');
  await items.fill('- Gate prompt releases on the invalid-JSON eval set.');
  await page.getByTestId('pm-text-contributing').focus();
  await expect(page.getByTestId('pm-state-action_items')).toContainText('Saved');
  await page.getByTestId('pm-section-summary').screenshot({ path: join(shots, 'sitrep-postmortem-edited.png') });
  await page.reload();
  await openPostmortem(page);
  await expect(page.getByTestId('pm-text-summary')).toHaveValue(EDITED);
  await expect(page.getByTestId('pm-text-action_items')).toHaveValue('- Gate prompt releases on the invalid-JSON eval set.');
  // Back to the generated text, then the edit again for the exports below.
  await page.getByTestId('pm-section-action_items').getByRole('button', { name: 'Back to generated' }).click();
  await expect(page.getByTestId('pm-text-action_items')).toHaveValue(/Eval cases: Add eval cases/);
});

test('exports a PDF (the pages the screen reports, the edited text, page numbers) and Markdown (every heading)', async ({ page }) => {
  await openPostmortem(page);
  const summary = page.getByTestId('pm-text-summary');
  if ((await summary.inputValue()) !== EDITED) {
    await summary.fill(EDITED);
    await summary.press('Control+Enter');
    await expect(page.getByTestId('pm-state-summary')).toContainText('Saved');
  }
  const [pdfDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('pm-export-pdf').click()]);
  expect(pdfDownload.suggestedFilename()).toBe(`postmortem-${INCIDENT}.pdf`);
  const pdfPath = join(tmpdir(), `sitrep-e2e-${Date.now()}.pdf`);
  await pdfDownload.saveAs(pdfPath);
  const exported = page.getByTestId('pm-exported');
  await expect(exported).toContainText(`postmortem-${INCIDENT}.pdf`);
  const pages = Number(await exported.getAttribute('data-pages'));
  const bytes = readFileSync(pdfPath);
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  const pdf = await readPdf(bytes);
  expect(pdf.pages).toBe(pages);
  expect(pages).toBeGreaterThanOrEqual(3);
  const text = pdf.text.join('\n');
  expect(text).toContain(EDITED);
  for (const title of SECTIONS) expect(text).toContain(title);
  expect(pdf.text[pages - 1]).toContain(`Page ${pages} of ${pages}`);

  const [mdDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('pm-export-md').click()]);
  expect(mdDownload.suggestedFilename()).toBe(`postmortem-${INCIDENT}.md`);
  const mdPath = join(tmpdir(), `sitrep-e2e-${Date.now()}.md`);
  await mdDownload.saveAs(mdPath);
  const md = readFileSync(mdPath, 'utf8');
  expect(md.split('\n')[0]).toBe('# Postmortem: support-agent returning invalid JSON; get_order_status tool errors');
  expect([...md.matchAll(/^## (.+)$/gm)].map((m) => m[1])).toEqual(SECTIONS);
  expect(md).toContain(`## Summary\n\n${EDITED}\n`);
});

test('a moment of the timeline jumps there: the postmortem closes, the timeline zooms and selects its event; d and Esc open and close', async ({ page }) => {
  await openPostmortem(page);
  const before = (await page.getByTestId('visible-range').textContent()) ?? '';
  const moment = page.getByTestId('pm-moment').filter({ hasText: 'Change (prompt) support-agent/system-prompt' });
  const eventId = Number(await moment.getAttribute('data-event-id'));
  expect(eventId).toBeGreaterThan(0);
  await moment.click();
  await expect(page.getByTestId('postmortem')).toHaveCount(0);
  await expect.poll(async () => (await page.getByTestId('visible-range').textContent()) ?? '').not.toBe(before);
  await expect(page.getByTestId('visible-range')).toContainText('02:42:00');
  await expect.poll(() => timelineSelected(page)).toBe(eventId);
  await page.keyboard.press('d');
  await expect(page.getByTestId('postmortem')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('postmortem')).toHaveCount(0);
});
