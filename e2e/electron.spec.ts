/**
 * The desktop journey through Playwright's Electron driver. It runs only where the Electron runtime
 * binary is installed (it cannot be downloaded on the project's build machines) and is reported as
 * skipped with the reason otherwise. It never points `_electron.launch` at Chromium.
 */
import { _electron as electron, expect, test } from '@playwright/test';
import { join } from 'node:path';
import { root } from './host';
// @ts-expect-error: plain ESM helper shared with scripts/start.mjs, no typings
import { findElectronBinary } from '../scripts/electron-runtime.mjs';

const found = findElectronBinary() as { path?: string; missing?: string };

test('desktop app opens the demo incident with a hardened window', async () => {
  if (!found.path) console.log(`electron journey skipped: Electron runtime not installed (${found.missing ?? ''})`);
  test.skip(!found.path, `Electron runtime not installed: ${found.missing ?? ''}`);
  const app = await electron.launch({
    executablePath: found.path,
    args: [join(root, 'out', 'main', 'index.js')],
    env: { ...process.env, SITREP_HOME: join(root, 'test-results', 'electron-home') },
  });
  const win = await app.firstWindow();
  await expect(win.getByTestId('incident-list')).toBeVisible();
  // contextIsolation + sandbox + no nodeIntegration, seen from the page: no Node, only the two-function bridge.
  const page = await win.evaluate(() => {
    const w = window as unknown as { require?: unknown; process?: unknown; sitrep?: Record<string, unknown> };
    return { require: typeof w.require, process: typeof w.process, bridge: Object.keys(w.sitrep ?? {}).sort() };
  });
  expect(page).toEqual({ require: 'undefined', process: 'undefined', bridge: ['invoke', 'on'] });
  await app.close();
});
