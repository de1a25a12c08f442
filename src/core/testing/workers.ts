/**
 * Worker-thread entries for tests: vitest runs TypeScript sources, but a worker thread needs a
 * JavaScript file, so the entries are bundled once per test process with esbuild (as
 * scripts/build-cli.mjs does for the hosts) into a temporary folder.
 */
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { WORKER_ENTRIES, type WorkerName } from '../workers/resolve';

const ROOT = resolve(__dirname, '..', '..', '..');
let built: Promise<string> | null = null;

/** Bundles every worker entry; returns the folder (usable as SITREP_WORKERS_DIR). */
export function bundleWorkers(): Promise<string> {
  built ??= (async () => {
    // Inside the project (out/ is ignored), so the bundles resolve packages from node_modules.
    const dir = join(ROOT, 'out', 'test-workers', String(process.pid));
    mkdirSync(dir, { recursive: true });
    await build({
      entryPoints: Object.fromEntries(Object.entries(WORKER_ENTRIES).map(([name, src]) => [name, join(ROOT, src)])),
      outdir: dir,
      outExtension: { '.js': '.mjs' },
      platform: 'node',
      format: 'esm',
      target: 'node20',
      bundle: true,
      packages: 'external',
      logLevel: 'warning',
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    });
    return dir;
  })();
  return built;
}

export async function workerFile(name: WorkerName): Promise<string> {
  return join(await bundleWorkers(), `${name}.mjs`);
}
