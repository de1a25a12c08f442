/**
 * Crash safety: processes appending to one journal (two at a time) are killed with SIGKILL at
 * random moments, 200 times; every entry a process acknowledged must be there afterwards, with
 * its text, and the journal must verify. Four kills in five land 0-200 ms after the process is
 * ready (while it appends); one in five lands 20-200 ms after it was started (while it opens).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { openJournal } from './journal';
import { testKeyProvider } from './testing';

const ROOT = resolve(__dirname, '..', '..', '..');
const KILLS = 200;
const LANES = 2;
const PASS = 'crash test passphrase';
let child = '';

beforeAll(async () => {
  // Inside the project (out/ is ignored) so the bundle resolves better-sqlite3 from node_modules.
  const outdir = join(ROOT, 'out', 'test-journal', String(process.pid));
  mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: { 'crash-appender': join(__dirname, 'testing', 'crash-appender.ts') },
    outdir,
    outExtension: { '.js': '.mjs' },
    platform: 'node',
    format: 'esm',
    target: 'node20',
    bundle: true,
    packages: 'external',
    logLevel: 'warning',
  });
  child = join(outdir, 'crash-appender.mjs');
});

interface Run {
  acked: [number, string][];
  signal: NodeJS.Signals | null;
  code: number | null;
  stderr: string;
}

type KillAt = { after: 'spawn' | 'ready'; ms: number };

function runAndKill(path: string, keyHex: string, tag: string, at: KillAt): Promise<Run> {
  return new Promise((done) => {
    const p = spawn(process.execPath, [child], {
      env: { PATH: process.env.PATH ?? '', SITREP_CRASH_JOURNAL: path, SITREP_CRASH_KEYSTORE_KEY: keyHex, SITREP_CRASH_TAG: tag },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    const arm = (): void => void (timer ??= setTimeout(() => p.kill('SIGKILL'), at.ms));
    p.stdout.on('data', (c: Buffer) => {
      out += c.toString('utf8');
      if (at.after === 'ready' && out.startsWith('ready\n')) arm();
    });
    p.stderr.on('data', (c: Buffer) => void (stderr += c.toString('utf8')));
    if (at.after === 'spawn') arm();
    p.on('close', (code, signal) => {
      clearTimeout(timer);
      // Only complete lines were acknowledged; a line cut by the kill was not.
      const lines = out.split('\n').slice(0, -1);
      const acked = lines.filter((l) => l !== 'ready').map((l): [number, string] => {
        const [seq = '', text = ''] = l.split(' ');
        return [Number(seq), text];
      });
      done({ acked, signal, code, stderr });
    });
  });
}

describe('journal crash safety', () => {
  it(`loses no acknowledged entry over ${KILLS} SIGKILLs at random moments, and verifies`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-crash-'));
    const path = join(dir, 'journal.db');
    const key = randomBytes(32);
    const provider = testKeyProvider(key);
    const j = await openJournal(path, { create: true, provider, passphrase: () => Promise.resolve(PASS) });
    j.append({ kind: 'note', actor: 'setup', payload: { text: 'before the crashes' } });
    j.close();

    const started = Date.now();
    const runs: Run[] = [];
    await Promise.all(
      Array.from({ length: LANES }, async (_, lane) => {
        for (let i = 0; i < KILLS / LANES; i++) {
          const at: KillAt = Math.random() < 0.2 ? { after: 'spawn', ms: 20 + Math.floor(Math.random() * 181) } : { after: 'ready', ms: Math.floor(Math.random() * 201) };
          runs.push(await runAndKill(path, key.toString('hex'), `l${lane}r${i}`, at));
        }
      }),
    );
    const seconds = (Date.now() - started) / 1000;

    const exitedOnTheirOwn = runs.filter((r) => r.signal !== 'SIGKILL');
    expect(exitedOnTheirOwn.map((r) => r.stderr)).toEqual([]);
    const acked = new Map<number, string>();
    for (const r of runs) for (const [seq, text] of r.acked) acked.set(seq, text);

    const after = await openJournal(path, { passphrase: () => Promise.resolve(PASS) });
    const report = after.verify();
    const bySeq = new Map(after.list().map((e) => [e.seq, (e.payload as { text: string }).text]));
    after.close();
    expect(report).toMatchObject({ ok: true, firstBad: null });
    const lost = [...acked].filter(([seq, text]) => bySeq.get(seq) !== text);
    expect(lost).toEqual([]);

    const withAppends = runs.filter((r) => r.acked.length > 0).length;
    console.log(
      `crash test: ${runs.length} kills in ${seconds.toFixed(1)} s; ${acked.size} acknowledged entries (${withAppends} runs appended before the kill, ` +
        `max ${Math.max(...runs.map((r) => r.acked.length))} in one run); journal holds ${report.intact}`,
    );
    expect(runs).toHaveLength(KILLS);
    // The kills must land while appending, not only during start-up.
    expect(withAppends).toBeGreaterThan(KILLS / 2);
    expect(acked.size).toBeGreaterThan(KILLS);
  }, 120_000);
});
