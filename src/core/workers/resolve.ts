/**
 * Where a worker thread's entry file is. Worker entries are bundled by scripts/build-cli.mjs
 * into `workers/NAME.mjs` beside each host bundle (out/cli, out/main). `SITREP_WORKERS_DIR`
 * overrides the folder (tests bundle the entries into a temporary one).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WORKER_ENTRIES = {
  'store-writer': 'src/core/store/writer-worker.ts',
  'model-worker': 'src/core/model/local/worker.ts',
} as const;
export type WorkerName = keyof typeof WORKER_ENTRIES;

export class WorkerMissingError extends Error {
  override name = 'WorkerMissingError';
}

export function workerPath(name: WorkerName, env: NodeJS.ProcessEnv = process.env): string {
  const dirs: string[] = [];
  if (env.SITREP_WORKERS_DIR) dirs.push(env.SITREP_WORKERS_DIR);
  // In a bundle, import.meta.url is the bundle itself (out/cli/sitrep.mjs → out/cli/workers).
  dirs.push(join(dirname(fileURLToPath(import.meta.url)), 'workers'));
  for (const dir of dirs) {
    const file = join(dir, `${name}.mjs`);
    if (existsSync(file)) return file;
  }
  throw new WorkerMissingError(`worker '${name}' not found (looked in ${dirs.join(', ')}); run \`npm run build\``);
}
