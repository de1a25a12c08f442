/**
 * Starts a real `sitrep serve` (the built CLI, plain Node) on a fresh demo store, for one test file.
 * The URL with its per-run token is read from the host's own output.
 */
import type { Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'bin', 'sitrep.mjs');

export interface Host {
  url: string;
  origin: string;
  token: string;
  dbPath: string;
  stop(): Promise<void>;
}

export function buildDemoDb(events = 20_000): { dir: string; dbPath: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-e2e-'));
  const dbPath = join(dir, 'sitrep.db');
  const r = spawnSync(process.execPath, [cli, 'demo', '--db', dbPath, '--events', String(events)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sitrep demo failed (${r.status}): ${r.stderr}${r.stdout}`);
  return { dir, dbPath };
}

export async function startHost(opts: { events?: number; dbPath?: string } = {}): Promise<Host> {
  const made = opts.dbPath ? null : buildDemoDb(opts.events);
  const dbPath = opts.dbPath ?? made!.dbPath;
  const child: ChildProcess = spawn(process.execPath, [cli, 'serve', '--db', dbPath, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, SITREP_NO_BROWSER: '1' },
  });
  let out = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`sitrep serve printed no URL in 20 s:\n${out}`)), 20_000);
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolveUrl(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`sitrep serve exited (${code}):\n${out}`)));
  });
  const u = new URL(url);
  return {
    url,
    origin: u.origin,
    token: u.searchParams.get('token') ?? '',
    dbPath,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      if (made) rmSync(made.dir, { recursive: true, force: true });
    },
  };
}

/** Imports a seed document (the project's JSON import format) into a fresh store and serves it. */
export async function startSeededHost(seed: unknown, prefix: string): Promise<{ host: Host; cleanup(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const dbPath = join(dir, 'sitrep.db');
  const file = join(dir, 'seed.json');
  writeFileSync(file, JSON.stringify(seed));
  const r = spawnSync(process.execPath, [cli, 'import', '--db', dbPath, file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sitrep import failed (${r.status}): ${r.stderr}${r.stdout}`);
  const host = await startHost({ dbPath });
  return {
    host,
    cleanup: async () => {
      await host.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The given secrets found anywhere a person could read them: the page's text, title, every attribute, every field's value. */
export async function pageLeaks(page: Page, secrets: readonly string[]): Promise<string[]> {
  return page.evaluate((list) => {
    const seen: string[] = [document.body.innerText, document.title];
    for (const el of Array.from(document.querySelectorAll('*'))) {
      for (const a of Array.from(el.attributes)) seen.push(a.value);
      if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) seen.push(el.value);
    }
    const all = seen.join('\n');
    return list.filter((s) => all.includes(s));
  }, secrets);
}
