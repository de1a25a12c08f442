/**
 * Where the model worker's bundled entry is at run time: `SITREP_MODEL_WORKER` (a file), else
 * the `model-worker` entry the hosts bundle beside themselves (scripts/build-cli.mjs; found by
 * ../../workers/resolve.ts, which also honours `SITREP_WORKERS_DIR`). Tests pass their own
 * bundle (../testing/bundle-worker.ts) as `workerUrl` instead.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { WorkerMissingError, workerPath } from '../../workers/resolve';
import { ModelError } from '../errors';

export const MODEL_WORKER_FILE = 'model-worker.mjs';

export function resolveWorkerUrl(env: NodeJS.ProcessEnv = process.env): URL {
  const explicit = env.SITREP_MODEL_WORKER;
  if (explicit) {
    if (existsSync(explicit)) return pathToFileURL(explicit);
    throw new ModelError('worker', `SITREP_MODEL_WORKER points at ${explicit}, which does not exist`);
  }
  try {
    return pathToFileURL(workerPath('model-worker', env));
  } catch (err) {
    if (err instanceof WorkerMissingError) throw new ModelError('worker', `the local-model worker is missing: ${err.message}`);
    throw err;
  }
}
