import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../core/store/store';
import { describeFixtures, FIXTURES_DIR, fixturePath } from '../../core/testing/fixtures';
import { importFormats } from '../../core/import/formats/registry';
import { run } from '../run';
import { testIo } from '../test-io';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-import-cli-'));
const env = { SITREP_HOME: join(dir, 'home') };
let n = 0;
const db = (): string => join(dir, `s${n++}.db`);

interface JsonOut {
  files: { path: string; format: string | null; ok: boolean; counts: Record<string, number>; error: string | null }[];
  totals: Record<string, number>;
}

async function importJson(dbPath: string, paths: string[]): Promise<{ code: number; out: JsonOut; stderr: string }> {
  const io = testIo(env);
  const code = await run(['import', '--db', dbPath, '--json', ...paths], io);
  const out = JSON.parse(io.stdout) as JsonOut;
  return { code, out, stderr: io.stderr };
}

function storedEvents(dbPath: string): number {
  const s = openStore(dbPath, { readOnly: true });
  try {
    return s.stats().events + s.stats().points;
  } finally {
    s.close();
  }
}

describeFixtures('sitrep import: the shared fixtures folder, by content', () => {
  it('imports every family it knows, reports the rest, prints one JSON object and exits 1', async () => {
    const path = db();
    const { code, out } = await importJson(path, [FIXTURES_DIR]);
    expect(code).toBe(1); // sources.md and README.md are not telemetry
    expect(Object.keys(out.totals).sort()).toEqual(['agent_actions', 'alerts', 'changes', 'llm_calls', 'logs', 'points', 'spans']);
    const byPath = new Map(out.files.map((f) => [f.path.slice(FIXTURES_DIR.length + 1), f]));
    expect(byPath.get('README.md')).toMatchObject({ ok: false, format: null });
    expect(byPath.get('README.md')?.error).toMatch(/unrecognised format: text .*tried: sitrep-json, sitrep-jsonl/);
    expect(byPath.get('alert_webhooks/alertmanager_api_v2_alerts_openshift_insights_sample.json')).toMatchObject({ ok: true, format: 'alertmanager-api-v2-alerts' });
    expect(byPath.get('k8s_events/kspan_deployment-2-pods.watch.yaml')).toMatchObject({ ok: true });
    expect(byPath.get('argocd/argocd_application_with_status_history_diff-cache.json')?.counts.changes).toBeGreaterThan(0);
    expect(out.totals.alerts).toBeGreaterThan(0);
    expect(out.totals.changes).toBeGreaterThan(0);
    expect(out.totals.logs).toBeGreaterThan(0);
    const ids = importFormats.map((f) => f.id).join(' ');
    if (/otlp/.test(ids)) {
      expect(out.totals.spans).toBeGreaterThan(0);
      expect(out.totals.llm_calls).toBeGreaterThan(0);
    }
    if (/prom/.test(ids)) expect(out.totals.points).toBeGreaterThan(0);
    for (const f of out.files) expect(f.ok ? f.error === null : typeof f.error === 'string' && f.error.length > 0).toBe(true);
    expect(storedEvents(path)).toBeGreaterThan(0);

    // Re-import: everything with an external id is a duplicate, nothing doubles.
    const again = await importJson(path, [fixturePath('alert_webhooks/alertmanager_api_v2_alerts_openshift_insights_sample.json')]);
    expect(again.code).toBe(0);
    expect(again.out.files[0]?.counts.duplicates).toBe(again.out.files[0]?.counts.alerts);
  }, 120_000);

  it('rejects a truncated real payload with the place, writes nothing, and still imports the good file', async () => {
    const good = fixturePath('alert_webhooks/alertmanager_webhook_prometheus-msteams_prom_post_request.json');
    const text = readFileSync(good, 'utf8');
    const cut = join(dir, 'truncated.json');
    writeFileSync(cut, text.slice(0, Math.floor(text.length / 2)));
    const path = db();
    const only = await importJson(path, [cut]);
    expect(only.code).toBe(1);
    expect(only.out.files[0]?.error).toMatch(/invalid JSON.*line \d+, byte offset \d+/);
    expect(storedEvents(path)).toBe(0);
    const both = await importJson(path, [cut, good]);
    expect(both.code).toBe(1);
    expect(both.out.files.map((f) => f.ok)).toEqual([false, true]);
    expect(both.out.totals.alerts).toBe(1);
  });
});

describe('sitrep import: hostile files', () => {
  const bad = join(dir, 'bad');
  mkdirSync(bad);
  writeFileSync(join(bad, 'utf8.json'), Buffer.concat([Buffer.from('{"sitrep":1,"events":[{"body":"caf'), Buffer.from([0xc3, 0x28]), Buffer.from('"}]}')]));
  const log = { kind: 'log', externalId: 'x', ts: 1_773_456_420_000, service: 'api', severity: 'info', body: 'ok' };
  writeFileSync(join(bad, 'huge-attr.json'), JSON.stringify({ sitrep: 1, events: [log, { ...log, externalId: 'y', attrs: { blob: 'x'.repeat(10 * 1024 * 1024) } }] }));
  writeFileSync(join(bad, 'deep.json'), '{"sitrep":1,"events":' + '['.repeat(5000) + ']'.repeat(5000) + '}');
  writeFileSync(join(bad, 'deep.yaml'), 'a:\n' + Array.from({ length: 80 }, (_, i) => ' '.repeat((i + 1) * 2) + `k${i}:`).join('\n') + ' 1\n');
  writeFileSync(join(bad, 'lines.jsonl'), JSON.stringify({ event: log }) + '\n' + JSON.stringify({ event: { ...log, externalId: 'z', ts: 'noon' } }) + '\n');

  it('rejects each with a clear reason and where, and writes nothing', async () => {
    const path = db();
    const { code, out } = await importJson(path, [bad]);
    expect(code).toBe(1);
    const err = (name: string): string => out.files.find((f) => f.path.endsWith(name))?.error ?? '';
    expect(err('utf8.json')).toMatch(/not valid UTF-8 .*byte offset 34/);
    expect(err('huge-attr.json')).toMatch(/events\[1\]\.attrs\.blob/);
    expect(err('deep.json')).toMatch(/nested deeper than 64 levels/);
    expect(err('deep.yaml')).toMatch(/nested deeper than 64 levels/);
    expect(err('lines.jsonl')).toMatch(/line 2: event\.ts/);
    expect(out.files.every((f) => !f.ok)).toBe(true);
    expect(storedEvents(path)).toBe(0);
  }, 60_000);

  it('walks directories without dotfiles or symlinks out of the tree; human output and exit codes', async () => {
    const tree = join(dir, 'tree');
    mkdirSync(join(tree, 'sub'), { recursive: true });
    writeFileSync(join(tree, 'sub', 'a.jsonl'), JSON.stringify({ event: log }) + '\n');
    writeFileSync(join(tree, '.hidden.jsonl'), 'garbage');
    symlinkSync(bad, join(tree, 'outside'));
    const io = testIo(env);
    expect(await run(['import', '--db', db(), tree], io)).toBe(0);
    expect(io.stdout).toMatch(/ok {3}.*a\.jsonl \[jsonl\]: 1 events \(0 duplicates\)/);
    expect(io.stderr).toBe('');

    for (const argv of [['import'], ['import', '--db'], ['import', '--bogus', tree]]) {
      const e = testIo(env);
      expect(await run(argv, e)).toBe(2);
      expect(e.stderr).toMatch(/Usage: sitrep/);
    }
    const missing = await importJson(db(), [join(dir, 'nope.json')]);
    expect(missing.code).toBe(1);
    expect(missing.out.files[0]?.error).toBe('no such file or directory');
  });
});
