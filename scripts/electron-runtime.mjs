// Finds the Electron runtime binary without triggering electron's own download attempt
// (requiring the `electron` package from Node downloads the binary when it is missing).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

/** @returns {{ path: string } | { missing: string }} */
export function findElectronBinary() {
  let pkgDir;
  try {
    pkgDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { missing: 'the electron package is not installed' };
  }
  const pathFile = join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) return { missing: 'the Electron runtime binary was never downloaded (no electron/path.txt)' };
  const rel = readFileSync(pathFile, 'utf8').trim();
  const base = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(pkgDir, 'dist');
  const bin = join(base, rel);
  return existsSync(bin) ? { path: bin } : { missing: `the Electron runtime binary is absent (${bin})` };
}
