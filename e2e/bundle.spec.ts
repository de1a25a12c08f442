/**
 * Offline review bundles, end to end over two browser hosts. Host A (the demo incident) has an
 * operator who signs in, sets up the journal, lets the engine rank hypotheses, rejects one with a
 * reason and exports the incident as a bundle from the incident's top bar (a download). Host B
 * starts on a fresh, empty store in a fresh profile folder; a fresh browser profile opens the
 * bundle from the incident list: intact, who exported it (a key this profile does not know), the
 * same timeline, hypotheses and journal, read-only, and analysis re-runs offline. A copy with one
 * byte changed is refused with the reason and opens nothing; `sitrep bundle verify` agrees.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { base32Decode } from '../src/core/auth/base32';
import { totp } from '../src/core/auth/totp';
import { buildDemoDb, root, startHost, type Host } from './host';

const INCIDENT = 'INC-2026-0314-001';
const NAME = 'ana';
const PASSWORD = 'e2e bundle exporter password 0123';
const JOURNAL = 'e2e exporter journal passphrase';
const BUNDLE = 'e2e review bundle passphrase';
const REASON = 'the payments deploy touched nothing that degraded';
const cli = join(root, 'bin', 'sitrep.mjs');

let a: Host;
let aDir = '';
let b: { url: string; dir: string; child: ChildProcess };
let work = '';
let secret: Buffer = Buffer.alloc(0);
let bundlePath = '';
let hypotheses: string[] = [];
let rejectedTitle = '';
let lanes: string[] = [];
const LANES = ['alerts', 'changes', 'llm', 'agent', 'traces', 'logs'];
/** What each event lane's header says (its name, count, errors and warnings in view). */
const laneHeaders = (page: Page) => Promise.all(LANES.map(async (l) => ((await page.getByTestId(`lane-${l}`).textContent()) ?? '').replace(/\s+/g, ' ').trim()));

async function shot(page: Page, name: string): Promise<void> {
  const folder = process.env.SITREP_SHOTS;
  if (folder) await page.screenshot({ path: join(folder, `bundle-${name}.png`) });
}

/** `sitrep serve` on an empty store, without the demo, with its own SITREP_HOME: a reviewer's fresh laptop. */
async function startEmptyHost(): Promise<{ url: string; dir: string; child: ChildProcess }> {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-e2e-reviewer-'));
  const child = spawn(process.execPath, [cli, 'serve', '--db', join(dir, 'sitrep.db'), '--port', '0', '--no-demo'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, SITREP_NO_BROWSER: '1', SITREP_HOME: join(dir, 'home') },
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sitrep serve printed no URL in 20 s:\n${out}`)), 20_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (c) => reject(new Error(`sitrep serve exited (${c}):\n${out}`)));
  });
  return { url, dir, child };
}

test.beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'sitrep-e2e-bundle-'));
  const made = buildDemoDb(5_000);
  aDir = made.dir;
  const r = spawnSync(process.execPath, [cli, 'operator', 'add', NAME, '--role', 'commander', '--db', made.dbPath, '--password-stdin'], { input: `${PASSWORD}\n`, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  secret = base32Decode(new URL(/otpauth:\/\/\S+/.exec(r.stdout)?.[0] ?? '').searchParams.get('secret') ?? '');
  a = await startHost({ dbPath: made.dbPath });
  b = await startEmptyHost();
});
test.afterAll(async () => {
  await a?.stop();
  if (b && b.child.exitCode === null) {
    b.child.kill('SIGTERM');
    await new Promise((r) => b.child.once('exit', r));
  }
  for (const d of [aDir, b?.dir ?? '', work]) if (d) rmSync(d, { recursive: true, force: true });
});

/** A code of the current 30-second step, or `steps` steps on (each is accepted once). */
const code = (steps = 0) => totp(secret, Date.now() + steps * 30_000);

/** A browser profile of its own (no cookies, no storage shared with the other host's page). */
async function freshPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ acceptDownloads: true });
  return context.newPage();
}

test('host A: sign in, journal, reject a hypothesis, export the incident as a bundle (download)', async ({ browser }) => {
  const page = await freshPage(browser);
  await page.goto(a.url);
  await expect(page.getByTestId('incident-list')).toBeVisible();
  await page.getByTestId('auth-indicator').click();
  const signin = page.getByTestId('signin-dialog');
  await signin.getByLabel('Operator').fill(NAME);
  await signin.getByLabel('Password').fill(PASSWORD);
  await signin.getByLabel('Code').fill(code());
  await signin.getByLabel('Code').press('Enter');
  await expect(page.getByTestId('auth-indicator')).toHaveAttribute('data-state', 'active');

  await page.keyboard.press('j');
  const key = page.getByTestId('journal-unlock');
  await key.getByLabel('Passphrase').fill(JOURNAL);
  await key.getByLabel('Repeat').fill(JOURNAL);
  await key.getByRole('button', { name: 'Set passphrase' }).click();
  await expect(page.getByTestId('journal-state')).toHaveAttribute('data-state', 'unlocked');
  await page.keyboard.press('j');

  await page.getByTestId(`incident-row-${INCIDENT}`).click();
  await expect(page.getByTestId('hypothesis-2')).toBeVisible({ timeout: 20_000 });
  const card = page.getByTestId('hypothesis-2');
  rejectedTitle = ((await card.locator('.hyp-title').textContent()) ?? '').trim();
  await card.getByRole('button', { name: 'Reject…' }).click();
  await card.getByRole('textbox').fill(REASON);
  await card.getByRole('button', { name: 'Reject', exact: true }).click();
  await expect(page.getByTestId('hypotheses-rejected')).toContainText(REASON);
  hypotheses = (await page.getByTestId('hypotheses-panel').locator('li.hyp .hyp-title').allTextContents()).map((t) => t.trim());
  expect(hypotheses.length).toBeGreaterThan(0);
  await expect(page.getByTestId('lane-llm')).toContainText(/\d/);
  lanes = await laneHeaders(page);

  await page.getByTestId('bundle-export').click();
  const dialog = page.getByTestId('bundle-export-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('bundle-with-journal')).toBeChecked();
  await dialog.getByTestId('bundle-new-passphrase').fill('too short');
  await dialog.getByTestId('bundle-repeat-passphrase').fill('too short');
  await dialog.getByTestId('bundle-password').fill(PASSWORD);
  await dialog.getByTestId('bundle-code').fill(code(1));
  await dialog.getByTestId('bundle-export-submit').click();
  await expect(dialog.getByTestId('bundle-export-error')).toContainText('at least 12 characters');
  await dialog.getByTestId('bundle-new-passphrase').fill(BUNDLE);
  await dialog.getByTestId('bundle-repeat-passphrase').fill(BUNDLE);
  await shot(page, 'export-dialog');
  const download = page.waitForEvent('download');
  await dialog.getByTestId('bundle-export-submit').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^INC-2026-0314-001-\d{8}T\d{6}Z\.sitrep$/);
  bundlePath = join(work, file.suggestedFilename());
  await file.saveAs(bundlePath);
  const done = dialog.getByTestId('bundle-export-done');
  await expect(done).toContainText('Exported and downloaded');
  await expect(done).toContainText(NAME);
  await expect(done).toContainText(/[1-9][\d,]* journal entr(y|ies)/);
  await shot(page, 'export-done');
  await done.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();
  await page.context().close();
});

test('the bundle verifies without its passphrase; a copy with one byte changed does not', () => {
  const ok = spawnSync(process.execPath, [cli, 'bundle', 'verify', bundlePath, '--db', join(b.dir, 'sitrep.db')], { encoding: 'utf8' });
  expect(ok.status, ok.stdout + ok.stderr).toBe(0);
  expect(ok.stdout).toMatch(/^INTACT/);
  expect(ok.stdout).toContain(`"${NAME}"`);
  expect(ok.stdout).toContain('not known to this profile, the name is self-asserted');
  const bytes = readFileSync(bundlePath);
  bytes[Math.floor(bytes.length / 2)] = (bytes[Math.floor(bytes.length / 2)] ?? 0) ^ 0x01;
  writeFileSync(join(work, 'tampered.sitrep'), bytes);
  const bad = spawnSync(process.execPath, [cli, 'bundle', 'verify', join(work, 'tampered.sitrep')], { encoding: 'utf8' });
  expect(bad.status).toBe(1);
  expect(bad.stdout).toMatch(/^REFUSED: The encrypted contents were modified/);
});

test('host B (fresh store, fresh profile): a tampered copy is refused and opens nothing', async ({ browser }) => {
  const page = await freshPage(browser);
  await page.goto(b.url);
  await expect(page.getByTestId('incident-list')).toContainText('No incidents');
  await page.getByTestId('bundle-open').click();
  const dialog = page.getByTestId('bundle-open-dialog');
  await dialog.getByTestId('bundle-file').setInputFiles(join(work, 'tampered.sitrep'));
  const report = dialog.getByTestId('bundle-report');
  await expect(report).toHaveAttribute('data-intact', 'false');
  await expect(report).toContainText('Refused');
  await expect(report.getByTestId('bundle-problem')).toContainText('The encrypted contents were modified');
  await expect(dialog.getByTestId('bundle-passphrase')).toHaveCount(0);
  await shot(page, 'refused');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('incident-list')).toContainText('No incidents');

  // Dropped anywhere on the window, a .sitrep file goes to the bundle dialog, not to the importer.
  const bytes = [...readFileSync(join(work, 'tampered.sitrep'))];
  const dt = await page.evaluateHandle((b) => {
    const d = new DataTransfer();
    d.items.add(new File([new Uint8Array(b)], 'tampered.sitrep', { type: 'application/octet-stream' }));
    return d;
  }, bytes);
  await page.dispatchEvent('body', 'dragenter', { dataTransfer: dt });
  await page.dispatchEvent('body', 'drop', { dataTransfer: dt });
  await expect(dialog.getByTestId('bundle-report')).toHaveAttribute('data-intact', 'false');
  await expect(dialog.getByTestId('bundle-problem')).toContainText('The encrypted contents were modified');
  await expect(page.getByTestId('import-result')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('incident-list')).toContainText('No incidents');
  await page.context().close();
});

test('host B: opens the bundle read-only, sees who exported it, the timeline, hypotheses and journal, re-runs analysis offline', async ({ browser }) => {
  const page = await freshPage(browser);
  await page.goto(b.url);
  await page.getByTestId('bundle-open').click();
  const dialog = page.getByTestId('bundle-open-dialog');
  await dialog.getByTestId('bundle-file').setInputFiles(bundlePath);
  const report = dialog.getByTestId('bundle-report');
  await expect(report).toHaveAttribute('data-intact', 'true');
  await expect(report).toContainText('Intact: signature and structure check out');
  await expect(report.getByTestId('bundle-exporter')).toContainText(NAME);
  await expect(report.getByTestId('bundle-trust')).toHaveAttribute('data-trust', 'unknown');
  await expect(report).toContainText('not known to this profile');
  await shot(page, 'verified');

  await dialog.getByTestId('bundle-passphrase').fill('not the passphrase');
  await dialog.getByTestId('bundle-passphrase').press('Enter');
  await expect(dialog.getByTestId('bundle-open-error')).toContainText('Wrong passphrase (the file itself is intact');
  await dialog.getByTestId('bundle-passphrase').fill(BUNDLE);
  await dialog.getByTestId('bundle-passphrase').press('Enter');

  await expect(page.getByTestId('incident-view')).toBeVisible();
  const banner = page.getByTestId('review-banner');
  await expect(banner).toContainText('Review copy');
  await expect(banner.getByTestId('review-exporter')).toHaveText(NAME);
  await expect(banner.getByTestId('review-intact')).toHaveText('intact');
  await expect(page.getByTestId('bundle-export')).toHaveCount(0);

  // The same hypotheses, the rejection with its reason, and no way to decide here.
  const panel = page.getByTestId('hypotheses-panel');
  await expect(panel.getByTestId('hypothesis-1')).toBeVisible({ timeout: 20_000 });
  expect((await panel.locator('li.hyp .hyp-title').allTextContents()).map((t) => t.trim())).toEqual(hypotheses);
  await expect(page.getByTestId('hypotheses-rejected')).toContainText(rejectedTitle);
  await expect(page.getByTestId('hypotheses-rejected')).toContainText(REASON);
  await expect(panel.getByRole('button', { name: 'Accept' })).toHaveCount(0);
  await expect(panel.getByRole('button', { name: 'Reject…' })).toHaveCount(0);
  // The same timeline: every event lane counts what it counted on host A.
  await expect(page.getByTestId('lane-llm')).toContainText(/\d/);
  await expect.poll(() => laneHeaders(page)).toEqual(lanes);
  expect(lanes.join(' ')).toMatch(/[1-9]/);
  await shot(page, 'review-copy');

  await panel.getByRole('button', { name: 'Re-run' }).click();
  await expect(panel.getByRole('button', { name: 'Re-run' })).toBeEnabled({ timeout: 20_000 });
  await expect(panel.getByTestId('hypothesis-1')).toBeVisible();
  expect((await panel.locator('li.hyp .hyp-title').allTextContents()).map((t) => t.trim())).toEqual(expect.arrayContaining(hypotheses.filter((t) => t !== rejectedTitle)));

  await banner.getByTestId('review-journal-open').click();
  const journal = page.getByTestId('review-journal');
  await expect(journal.getByTestId('review-checkpoint')).toContainText('valid, covers every entry below');
  await expect(journal.getByTestId('review-entries')).toContainText(`Rejected hypothesis "${rejectedTitle}"`);
  await expect(journal.getByTestId('review-entries')).toContainText('hypothesis');
  await shot(page, 'review-journal');
  await page.keyboard.press('Escape');
  await expect(journal).toBeHidden();

  // Remediation is refused by the core for a review copy.
  await page.keyboard.press('r');
  await expect(page.getByText(/is a review copy opened from a bundle/)).toBeVisible();
  await shot(page, 'review-runbooks-refused');
  await page.keyboard.press('Escape');

  await page.getByTestId('back-to-incidents').click();
  await expect(page.getByTestId(`incident-row-${INCIDENT}`).getByTestId('review-badge')).toContainText(NAME);
  await page.context().close();
});
