/**
 * Journeys of governance through the browser host: an operator made with `sitrep operator add
 * --password-stdin` signs in with password + TOTP (the code computed here from the enrolment
 * secret), sets up the journal, writes a note, finds it by search and verifies the chain; a wrong
 * code is refused; the session locks after the (short, configured) idle time and only the
 * password and a new code re-open it; a modified journal entry is named by Verify.
 */
import { expect, test, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { base32Decode } from '../src/core/auth/base32';
import { totp } from '../src/core/auth/totp';
import { tamper } from '../src/core/journal/testing';
import { buildDemoDb, root, startHost, type Host } from './host';

const NAME = 'ana';
const PASSWORD = 'e2e commander password 0123';
const PASSPHRASE = 'e2e journal passphrase';
const NOTE = 'Paged the database on-call (heron-5512)';
/** Short, so the idle lock can be watched: 9 seconds. */
const IDLE_MINUTES = 0.15;

let host: Host;
let dir: string;
let secret: Buffer;

/** Screenshots for people to look at, only when SITREP_SHOTS names a folder. */
async function shot(page: Page, name: string): Promise<void> {
  const folder = process.env.SITREP_SHOTS;
  if (folder) await page.screenshot({ path: join(folder, `governance-${name}.png`) });
}

test.beforeAll(async () => {
  const made = buildDemoDb(5_000);
  dir = made.dir;
  writeFileSync(join(dir, 'governance.json'), JSON.stringify({ idleLockMinutes: IDLE_MINUTES }));
  const r = spawnSync(process.execPath, [join(root, 'bin', 'sitrep.mjs'), 'operator', 'add', NAME, '--role', 'commander', '--db', made.dbPath, '--password-stdin'], {
    input: `${PASSWORD}\n`,
    encoding: 'utf8',
  });
  expect(r.status, r.stderr).toBe(0);
  const uri = /otpauth:\/\/\S+/.exec(r.stdout)?.[0] ?? '';
  secret = base32Decode(new URL(uri).searchParams.get('secret') ?? '');
  expect(secret.length).toBe(20);
  host = await startHost({ dbPath: made.dbPath });
  expect(dirname(host.dbPath)).toBe(dir);
});
test.afterAll(async () => {
  await host?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A code of the current 30-second step, or `steps` steps away. */
const code = (steps = 0) => totp(secret, Date.now() + steps * 30_000);

async function openSignIn(page: Page): Promise<void> {
  await page.goto(host.url);
  await expect(page.getByTestId('incident-list')).toBeVisible();
  await page.getByTestId('auth-indicator').click();
  await expect(page.getByTestId('signin-dialog')).toBeVisible();
}

test('a wrong TOTP code is refused, with the same words as a wrong password', async ({ page }) => {
  await openSignIn(page);
  const dialog = page.getByTestId('signin-dialog');
  await dialog.getByLabel('Operator').fill(NAME);
  await dialog.getByLabel('Password').fill(PASSWORD);
  await dialog.getByLabel('Code').fill(code(-6));
  await dialog.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByTestId('signin-error')).toHaveText('Wrong name, password or code');
  await shot(page, 'signin-refused');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('auth-indicator')).toHaveAttribute('data-state', 'signed_out');
});

test('sign in with password + TOTP, write a note, find it in the journal and verify the chain', async ({ page }) => {
  await openSignIn(page);
  const dialog = page.getByTestId('signin-dialog');
  await dialog.getByLabel('Operator').fill(NAME);
  await dialog.getByLabel('Password').fill(PASSWORD);
  await dialog.getByLabel('Code').fill(code());
  await shot(page, 'signin');
  await dialog.getByLabel('Code').press('Enter');
  await expect(dialog).toBeHidden();
  const who = page.getByTestId('auth-indicator');
  await expect(who).toHaveAttribute('data-state', 'active');
  await expect(who).toContainText(NAME);
  await expect(who).toContainText('commander');

  await page.keyboard.press('j');
  await expect(page.getByTestId('journal-screen')).toBeVisible();
  const key = page.getByTestId('journal-unlock');
  await expect(key).toContainText('Set up the journal');
  await key.getByLabel('Passphrase').fill(PASSPHRASE);
  await key.getByLabel('Repeat').fill(PASSPHRASE);
  await key.getByRole('button', { name: 'Set passphrase' }).click();
  await expect(page.getByTestId('journal-state')).toHaveAttribute('data-state', 'unlocked');

  for (const text of ['Opened the incident bridge', NOTE, 'Asked the gateway team for the canary result']) {
    await page.getByTestId('note-input').fill(text);
    await page.getByTestId('note-input').press('Enter');
    await expect(page.getByTestId('journal-list')).toContainText(text);
  }
  await expect(page.getByTestId('journal-count')).toContainText('3 entries');
  await page.getByTestId('journal-list').locator('[data-seq="2"]').click();
  await expect(page.getByTestId('journal-detail')).toContainText(NOTE);
  await expect(page.getByTestId('journal-detail')).toContainText(NAME);

  await page.getByTestId('journal-search').fill('HERON');
  await expect(page.getByTestId('journal-list').getByRole('option')).toHaveCount(1);
  await expect(page.getByTestId('journal-list')).toContainText(NOTE);
  await expect(page.getByTestId('journal-count')).toContainText('1 matching');

  await page.getByTestId('journal-verify').click();
  await expect(page.getByTestId('verify-result')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('verify-result')).toContainText('Intact');
  await expect(page.getByTestId('verify-result')).toContainText('All 3 entries');
  await shot(page, 'journal');

  await page.getByTestId('journal-export-encrypted').click();
  await expect(page.getByTestId('export-result')).toContainText(join(dir, 'exports'));
});

test('the session locks after the idle time; the password and a new code re-open it', async ({ page }) => {
  await page.goto(host.url);
  const who = page.getByTestId('auth-indicator');
  await expect(who).toHaveAttribute('data-state', 'active');
  await page.getByTestId('open-journal').click();
  await expect(page.getByTestId('journal-list')).toBeVisible();
  // Nothing is touched from here: the lock falls on its own.
  await expect(who).toHaveAttribute('data-state', 'locked', { timeout: IDLE_MINUTES * 60_000 + 10_000 });
  await expect(who).toContainText('locked');
  await expect(page.getByTestId('journal-list')).toBeHidden();
  await expect(page.getByTestId('journal-signin')).toHaveText('Unlock session');
  await shot(page, 'locked');

  await who.click();
  const dialog = page.getByTestId('signin-dialog');
  await expect(dialog).toContainText(`Locked: ${NAME}`);
  await expect(dialog.getByLabel('Operator')).toHaveCount(0);
  await dialog.getByLabel('Password').fill('not the password');
  await dialog.getByLabel('Code').fill(code(1));
  await dialog.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByTestId('signin-error')).toHaveText('Wrong name, password or code');
  await dialog.getByLabel('Password').fill(PASSWORD);
  await dialog.getByLabel('Code').fill(code(1));
  await dialog.getByRole('button', { name: 'Unlock' }).click();
  await expect(who).toHaveAttribute('data-state', 'active');
  await expect(page.getByTestId('journal-list')).toContainText(NOTE);
});

test('verify names the first bad entry when the journal file was modified', async ({ page }) => {
  tamper(join(dir, 'journal.db'), (db) => db.prepare("UPDATE entries SET actor = 'mallory' WHERE seq = 2").run());
  await page.goto(host.url);
  await expect(page.getByTestId('incident-list')).toBeVisible();
  await page.keyboard.press('j');
  await expect(page.getByTestId('journal-screen')).toBeVisible();
  await page.getByTestId('journal-verify').click();
  const result = page.getByTestId('verify-result');
  await expect(result).toHaveAttribute('data-ok', 'false');
  await expect(result).toContainText('first bad: entry #2');
  await shot(page, 'tampered');
});
