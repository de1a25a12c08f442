/** `sitrep report`: an empty store, and a store with past incidents analysed and decided. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IncidentReport } from '../../shared/contract-evals';
import { DEFAULT_ANCHOR } from '../../core/demo';
import { writeHistory } from '../../core/report/testing';
import { openStore } from '../../core/store/store';
import { run } from '../run';
import { testIo } from '../test-io';

const DAY = 86_400_000;
const dir = mkdtempSync(join(tmpdir(), 'sitrep-cli-report-'));
const db = join(dir, 'history.db');

async function cli(args: string[]) {
  const io = testIo({ SITREP_HOME: join(dir, 'home') });
  const code = await run(args, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

beforeAll(() => {
  const s = openStore(db);
  try {
    writeHistory(s, [
      { anchor: DEFAULT_ANCHOR - 7 * DAY, seed: 2, analysedAfterMin: 10, decisions: ['accepted', 'rejected'], resolvedAfterMin: 40 },
      { anchor: DEFAULT_ANCHOR, seed: 3, analysedAfterMin: 4, decisions: ['accepted'], resolvedAfterMin: 20 },
    ]);
  } finally {
    s.close();
  }
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sitrep report', () => {
  it('prints precision, repeats and timing', async () => {
    const r = await cli(['report', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2 incident(s), 2 analysed');
    expect(r.stdout).toContain('Engine precision: 67% (2 accepted, 1 rejected by people)');
    expect(r.stdout).toMatch(/Repeat incidents: 1 group\(s\)\n {2}2× Prompt release support-agent\/system-prompt/);
    expect(r.stdout).toContain('Time to context: median 7 min; MTTR: median 30 min');
    expect(r.stdout).toContain('2026-W10: 1 incident(s), time to context 10 min, MTTR 40 min');
  });

  it('--json prints the contract shape; --granularity month groups by month', async () => {
    const r = await cli(['report', '--db', db, '--json', '--granularity', 'month']);
    expect(r.code).toBe(0);
    const report = IncidentReport.parse(JSON.parse(r.stdout));
    expect(report.granularity).toBe('month');
    expect(report.timing.byPeriod.map((p) => p.period)).toEqual(['2026-03']);
  });

  it('an empty store says so; a bad granularity is a usage error; a missing store fails', async () => {
    const empty = join(dir, 'empty.db');
    openStore(empty).close();
    expect((await cli(['report', '--db', empty])).stdout).toBe('No incidents in this store.\n');
    expect((await cli(['report', '--db', db, '--granularity', 'day'])).code).toBe(2);
    const missing = await cli(['report', '--db', join(dir, 'nope.db')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no database at/);
  });
});
