/** `sitrep eval export` against a demo store: the file, the summary, redaction, and bad arguments. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJsonl } from '../../core/evals';
import { MODEL_SETTINGS_FILE } from '../../core/model/settings';
import { run } from '../run';
import { testIo } from '../test-io';

const INCIDENT = 'INC-2026-0314-001';
const dir = mkdtempSync(join(tmpdir(), 'sitrep-cli-evals-'));
const db = join(dir, 'demo.db');
const env = { SITREP_HOME: join(dir, 'home') };

async function cli(args: string[]) {
  const io = testIo(env);
  const code = await run(args, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

beforeAll(async () => {
  expect((await cli(['demo', '--db', db, '--events', '5000'])).code).toBe(0);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sitrep eval export', () => {
  it('writes JSON Lines that parse as eval cases and prints what it wrote', async () => {
    const out = join(dir, 'cases.jsonl');
    const r = await cli(['eval', 'export', '--db', db, '--incident', INCIDENT, '--out', out]);
    expect(r.code).toBe(0);
    const cases = parseJsonl(readFileSync(out, 'utf8'));
    expect(cases.length).toBeGreaterThan(5);
    expect(r.stdout).toMatch(new RegExp(`^Wrote ${cases.length} eval case\\(s\\) to ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: \\d+ fail, \\d+ pass; redacted`));
    expect(r.stdout).toMatch(/invalid_output: \d+ fail, \d+ pass/);
    expect(r.stdout).toContain('none was stored: run now, not saved');
  });

  it('--json prints the summary; --raw is said so; the model settings’ redaction rules apply', async () => {
    writeFileSync(join(dir, MODEL_SETTINGS_FILE), JSON.stringify({ redaction: { custom: [{ name: 'order_number', pattern: '\\b[0-9]{8}\\b' }] } }));
    try {
      const out = join(dir, 'red.jsonl');
      const red = await cli(['eval', 'export', '--db', db, '--incident', INCIDENT, '--out', out, '--json']);
      expect(red.code).toBe(0);
      const summary = JSON.parse(red.stdout) as { raw: boolean; redacted: Record<string, number>; cases: number; out: string; jsonl?: string };
      expect(summary).toMatchObject({ raw: false, out });
      expect(summary.jsonl).toBeUndefined();
      expect(summary.redacted.order_number).toBeGreaterThan(0);
      const raw = await cli(['eval', 'export', '--db', db, '--incident', INCIDENT, '--out', join(dir, 'raw.jsonl'), '--raw']);
      expect(raw.stdout).toContain('raw text (not redacted)');
      expect(readFileSync(join(dir, 'raw.jsonl'), 'utf8')).toMatch(/got \\"[0-9]{8}\\"/);
    } finally {
      rmSync(join(dir, MODEL_SETTINGS_FILE), { force: true });
    }
  });

  it('an unknown incident fails (exit 1) and writes nothing; missing arguments are usage errors (exit 2)', async () => {
    const out = join(dir, 'none.jsonl');
    const r = await cli(['eval', 'export', '--db', db, '--incident', 'INC-NOPE', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/No incident INC-NOPE/);
    expect(existsSync(out)).toBe(false);
    expect((await cli(['eval', 'export', '--db', db, '--incident', INCIDENT])).code).toBe(2);
    expect((await cli(['eval', 'export', '--db', db, '--incident', INCIDENT, '--out', out, '--per-mode', '0'])).code).toBe(2);
  });

  it('refuses to write over a folder, and keeps an existing file when the export fails', async () => {
    const r = await cli(['eval', 'export', '--db', db, '--incident', INCIDENT, '--out', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is a folder/);
    const keep = join(dir, 'keep.jsonl');
    writeFileSync(keep, 'previous export\n');
    expect((await cli(['eval', 'export', '--db', db, '--incident', 'INC-NOPE', '--out', keep])).code).toBe(1);
    expect(readFileSync(keep, 'utf8')).toBe('previous export\n');
  });
});
