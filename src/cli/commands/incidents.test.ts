import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IncidentSummary } from '../../shared/incident';
import { openStore } from '../../core/store/store';
import { run } from '../run';
import { testIo } from '../test-io';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-cli-incidents-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const T = Date.UTC(2026, 4, 2, 9, 0);
const incident = (id: string, title: string, startedAt: number) => ({
  id,
  title,
  severity: 'sev3' as const,
  status: 'open' as const,
  startedAt,
  detectedAt: null,
  resolvedAt: null,
  windowFrom: startedAt - 600_000,
  windowTo: startedAt + 600_000,
  services: ['api'],
  summary: '',
});

describe('sitrep incidents list', () => {
  it('--json prints every incident with its id, as IncidentSummary; the table names them too', async () => {
    const db = join(dir, 'two.db');
    const store = openStore(db);
    store.upsertIncident(incident('INC-A', 'checkout slow', T));
    store.upsertIncident(incident('INC-B', 'chat refusals', T + 3_600_000));
    store.close();
    const json = testIo({ SITREP_HOME: join(dir, 'home') });
    expect(await run(['incidents', 'list', '--db', db, '--json'], json)).toBe(0);
    const list = IncidentSummary.array().parse(JSON.parse(json.stdout));
    expect(list.map((i) => i.id).sort()).toEqual(['INC-A', 'INC-B']);
    expect(list.find((i) => i.id === 'INC-B')?.title).toBe('chat refusals');
    const table = testIo({ SITREP_HOME: join(dir, 'home') });
    expect(await run(['incidents', 'list', '--db', db], table)).toBe(0);
    expect(table.stdout).toMatch(/^ID\s+SEV\s+STATUS/);
    expect(table.stdout).toMatch(/^INC-A\s+sev3\s+open\s+.*checkout slow$/m);
    expect(table.stdout).toMatch(/^INC-B\s+sev3\s+open\s+.*chat refusals$/m);
  });

  it('an empty store says so; --json gives an empty array', async () => {
    const db = join(dir, 'empty.db');
    openStore(db).close();
    const text = testIo({ SITREP_HOME: join(dir, 'home') });
    expect(await run(['incidents', 'list', '--db', db], text)).toBe(0);
    expect(text.stdout).toBe('No incidents.\n');
    const json = testIo({ SITREP_HOME: join(dir, 'home') });
    expect(await run(['incidents', 'list', '--db', db, '--json'], json)).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual([]);
  });
});
