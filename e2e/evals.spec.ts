/**
 * The incident → eval → monitor loop and the report, in `sitrep serve` over a store holding the
 * demo incident and three earlier ones (analysed, with decisions): open the demo incident, build
 * and download its eval cases (every line parses as a case), see the proposed rules with when each
 * would have fired, download the rule file; open the report from the incident list with `i`.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EvalCase } from '../src/shared/contract-evals';
import { DEFAULT_ANCHOR } from '../src/core/demo';
import { writeHistory } from '../src/core/report/testing';
import { openStore } from '../src/core/store/store';
import { startHost, type Host } from './host';

const INCIDENT = 'INC-2026-0314-001';
const DAY = 86_400_000;
const shots = tmpdir();
let host: Host;
let dir: string;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sitrep-e2e-evals-'));
  const dbPath = join(dir, 'sitrep.db');
  const store = openStore(dbPath);
  try {
    writeHistory(store, [
      { anchor: DEFAULT_ANCHOR - 21 * DAY, seed: 2, analysedAfterMin: 14, decisions: ['accepted', 'rejected'], resolvedAfterMin: 52 },
      { anchor: DEFAULT_ANCHOR - 14 * DAY, seed: 3, analysedAfterMin: 9, decisions: ['accepted'], resolvedAfterMin: 38 },
      { anchor: DEFAULT_ANCHOR - 7 * DAY, seed: 4, analysedAfterMin: 6, decisions: ['accepted', 'rejected'], resolvedAfterMin: 31 },
      { anchor: DEFAULT_ANCHOR, seed: 1, events: 20_000, analysedAfterMin: null },
    ]);
  } finally {
    store.close();
  }
  host = await startHost({ dbPath });
});
test.afterAll(async () => {
  await host?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function openDemoIncident(page: Page): Promise<void> {
  await page.goto(host.url);
  await expect(page.getByTestId('incident-list')).toBeVisible();
  await page.getByTestId(`incident-row-${INCIDENT}`).click();
  await expect(page.getByTestId('incident-view')).toBeVisible();
}

// First: opening the demo incident (the tests below) runs and stores its analysis.
test('the report opens from the incident list with i: precision, trends, repeat incidents', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('incident-list')).toBeVisible();
  await page.keyboard.press('i');
  const screen = page.getByTestId('report-screen');
  await expect(screen).toBeVisible();
  await expect(screen.getByTestId('report-incidents')).toContainText('4');
  // Decisions: 3 accepted, 2 rejected over the three analysed incidents.
  await expect(screen.getByTestId('report-precision')).toContainText('60%');
  await expect(screen.getByTestId('report-precision-chart').locator('svg').first()).toBeVisible();
  await expect(screen.getByTestId('report-timing-chart').locator('svg').first()).toBeVisible();
  await expect(screen.getByTestId('report-repeats')).toContainText('3×');
  await expect(screen.getByTestId('report-not-analysed')).toContainText(INCIDENT);
  await page.screenshot({ path: join(shots, 'sitrep-report.png'), fullPage: true });
  await page.keyboard.press('i');
  await expect(page.getByTestId('incident-list')).toBeVisible();
});

test('eval cases: build, count by failure mode, download JSON Lines that parse', async ({ page }) => {
  await openDemoIncident(page);
  await page.locator('header.topbar').screenshot({ path: join(shots, 'sitrep-evals-topbar.png') });
  await page.keyboard.press('e');
  const panel = page.getByTestId('evals-panel');
  await expect(panel).toBeVisible();
  await panel.getByTestId('eval-build').click();
  await expect(panel.getByTestId('eval-summary')).toBeVisible({ timeout: 30_000 });
  const count = Number(await panel.getByTestId('eval-count').textContent());
  expect(count).toBeGreaterThan(10);
  await expect(panel.getByTestId('eval-mode-invalid_output')).toBeVisible();
  await expect(panel.getByTestId('rules-yaml')).toContainText('groups:');
  await panel.screenshot({ path: join(shots, 'sitrep-evals-panel.png') });
  await page.screenshot({ path: join(shots, 'sitrep-evals-page.png') });

  const [download] = await Promise.all([page.waitForEvent('download'), panel.getByTestId('eval-download').click()]);
  expect(download.suggestedFilename()).toBe(`${INCIDENT}-evals.jsonl`);
  const file = join(dir, 'cases.jsonl');
  await download.saveAs(file);
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');
  expect(lines).toHaveLength(count);
  const cases = lines.map((l) => EvalCase.parse(JSON.parse(l)));
  expect(cases.some((c) => c.label === 'fail' && c.tags.includes('failure_mode:invalid_output'))).toBe(true);
  expect(cases.some((c) => c.label === 'pass' && c.tags.includes('baseline'))).toBe(true);
  expect(cases.every((c) => c.tags.includes(`incident:${INCIDENT}`))).toBe(true);
});

test('proposed monitors: rules with when each would have fired, and the rule file to download', async ({ page }) => {
  await openDemoIncident(page);
  await page.getByTestId('open-evals').click();
  const panel = page.getByTestId('evals-panel');
  const rule = panel.locator('[data-testid^="rule-Vllm"]').first();
  await expect(rule).toBeVisible({ timeout: 30_000 });
  await expect(rule.getByTestId('rule-fired')).toHaveText(/^\d\d:\d\d:\d\d UTC$/);
  await expect(panel.getByTestId('uncovered-rates')).toContainText('invalid structured-output rate');
  await panel.getByTestId('monitors').screenshot({ path: join(shots, 'sitrep-monitors.png') });
  const [download] = await Promise.all([page.waitForEvent('download'), panel.getByTestId('rules-download').click()]);
  const file = join(dir, 'rules.yml');
  await download.saveAs(file);
  const yaml = readFileSync(file, 'utf8');
  expect(yaml).toContain('alert: Vllm');
  expect(yaml).toContain(`incident: ${INCIDENT}`);
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
});
