/**
 * Access to the shared real-world payloads (`../shared/fixtures` beside the checkout) for tests.
 * They are never copied into the project. When the folder is absent the tests that need it are
 * skipped with a clear message, except under CI=true, where its absence fails the run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe } from 'vitest';

export const FIXTURES_DIR = resolve(__dirname, '..', '..', '..', '..', 'shared', 'fixtures');
export const MODELS_DIR = resolve(__dirname, '..', '..', '..', '..', 'shared', 'models');
export const haveFixtures = existsSync(FIXTURES_DIR);

export function fixturePath(rel: string): string {
  return join(FIXTURES_DIR, rel);
}

export function readFixture(rel: string): string {
  return readFileSync(fixturePath(rel), 'utf8');
}

/** `describe` over the shared fixtures: skipped (with the reason) without them, failing under CI. */
export function describeFixtures(name: string, body: () => void): void {
  if (haveFixtures) {
    describe(name, body);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      throw new Error(`shared fixtures missing at ${FIXTURES_DIR}: CI must run with shared/ beside the checkout`);
    });
    return;
  }
  console.warn(`[fixtures] skipping "${name}": shared fixtures not found at ${FIXTURES_DIR}`);
  describe.skip(`${name} (skipped: shared fixtures not found beside the checkout)`, body);
}

export const TINY_MODEL = 'llama-2-tiny-random.gguf';

export function modelPath(file: string = TINY_MODEL): string {
  return join(MODELS_DIR, file);
}

/** `describe` over a model in the shared models folder: skipped (with the reason) without it, failing under CI. */
export function describeModel(name: string, body: () => void, file: string = TINY_MODEL): void {
  const path = modelPath(file);
  if (existsSync(path)) {
    describe(name, body);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      throw new Error(`shared model missing at ${path}: CI must run with shared/ beside the checkout`);
    });
    return;
  }
  console.warn(`[fixtures] skipping "${name}": model not found at ${path}`);
  describe.skip(`${name} (skipped: shared model not found beside the checkout)`, body);
}
