/**
 * Test and benchmark helper: bundles the model worker entry with esbuild into a folder inside
 * the project (out/ is ignored; packages resolve from node_modules), once per process, and
 * returns its file URL. The built hosts get theirs from scripts/build-cli.mjs instead.
 */
import { build } from 'esbuild';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MODEL_WORKER_FILE } from '../local/resolve-worker';

/** The checkout's root: the nearest folder above this module (or its bundle) holding the worker source. */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'src', 'core', 'model', 'local', 'worker.ts'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the project root above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
}

let built: Promise<URL> | null = null;

export function bundleModelWorker(): Promise<URL> {
  built ??= (async () => {
    const ROOT = projectRoot();
    const dir = join(ROOT, 'out', 'test-model-worker', String(process.pid));
    mkdirSync(dir, { recursive: true });
    const outfile = join(dir, MODEL_WORKER_FILE);
    await build({
      entryPoints: [join(ROOT, 'src', 'core', 'model', 'local', 'worker.ts')],
      outfile,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      bundle: true,
      packages: 'external',
      logLevel: 'warning',
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    });
    return pathToFileURL(outfile);
  })();
  return built;
}
