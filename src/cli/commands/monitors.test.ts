/** `sitrep monitors propose` against a demo store: YAML to stdout or a file, promtool's check, JSON. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { findPromtool } from '../../core/monitors';
import { run } from '../run';
import { testIo } from '../test-io';

const INCIDENT = 'INC-2026-0314-001';
const dir = mkdtempSync(join(tmpdir(), 'sitrep-cli-monitors-'));
const db = join(dir, 'demo.db');
const promtool = findPromtool();
if (promtool === null && process.env.CI === 'true') throw new Error('promtool is required in CI (apt-get install prometheus) and was not found');

async function cli(args: string[], env: Record<string, string | undefined> = { SITREP_HOME: join(dir, 'home'), PATH: process.env.PATH }) {
  const io = testIo(env);
  const code = await run(args, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

beforeAll(async () => {
  expect((await cli(['demo', '--db', db, '--events', '10000'])).code).toBe(0);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sitrep monitors propose', () => {
  it('prints the rule file: groups of alerting rules on the stored vLLM series', async () => {
    const r = await cli(['monitors', 'propose', '--db', db, '--incident', INCIDENT]);
    expect(r.code).toBe(0);
    const doc = parse(r.stdout) as { groups: { rules: { alert: string; expr: string; annotations: Record<string, string> }[] }[] };
    const rules = doc.groups[0]?.rules ?? [];
    expect(rules.length).toBeGreaterThan(0);
    expect(rules.some((x) => x.expr.startsWith('vllm:num_requests_waiting{'))).toBe(true);
    for (const x of rules) expect(x.annotations.incident).toBe(INCIDENT);
  });

  it('--out writes the file and lists each rule with when it would have fired', async () => {
    const out = join(dir, 'rules.yml');
    const r = await cli(['monitors', 'propose', '--db', db, '--incident', INCIDENT, '--out', out]);
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^# Alerting rules proposed by Sitrep from incident/);
    expect(r.stdout).toMatch(/first alert SupportAgentInvalidJSONRate at 02:55 UTC/);
    expect(r.stdout).toMatch(/→ would have fired at \d\d:\d\d UTC/);
  });

  it.skipIf(promtool === null)('--check runs promtool check rules', async () => {
    const r = await cli(['monitors', 'propose', '--db', db, '--incident', INCIDENT, '--check', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/promtool check rules: SUCCESS: \d+ rules found/);
    expect((JSON.parse(r.stdout) as { incidentId: string }).incidentId).toBe(INCIDENT);
  });

  it('--check without promtool fails and says how to get it', async () => {
    const r = await cli(['monitors', 'propose', '--db', db, '--incident', INCIDENT, '--check'], { SITREP_HOME: join(dir, 'home'), PATH: join(dir, 'empty') });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/promtool was not found \(install Debian’s prometheus package/);
  });

  it('an unknown incident fails; no incident is a usage error', async () => {
    expect((await cli(['monitors', 'propose', '--db', db, '--incident', 'INC-NOPE'])).code).toBe(1);
    expect((await cli(['monitors', 'propose', '--db', db])).code).toBe(2);
  });
});
