import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IncidentSummary } from '../shared/incident';
import { WindowResult } from '../shared/window';
import { bundleWorkers } from '../core/testing/workers';
import { run } from './run';
import { testIo } from './test-io';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-cli-'));
const env = { SITREP_HOME: join(dir, 'home') };

describe('sitrep: arguments', () => {
  it.each([
    [['--bogus']],
    [['nope']],
    [[]],
    [['demo', '--events', 'many']],
    [['demo', '--events', '5']],
    [['timeline', '--width', '0']],
    [['timeline', '--width', '100', '--from', 'yesterday']],
    [['timeline', '--from', '2026-03-14T03:00:00Z', '--to', '2026-03-14T02:00:00Z']],
    [['timeline', '--lanes', 'alerts,gpus']],
    [['import']],
    [['import', '--format', 'xml', 'a.json']],
    [['incidents', 'list', 'extra']],
    [['serve', '--port', '70000']],
  ])('%j exits 2 with a usage line', async (argv) => {
    const io = testIo(env);
    expect(await run(argv, io)).toBe(2);
    expect(io.stderr).toMatch(/Usage: sitrep/);
  });

  it('prints help for each command and exits 0', async () => {
    for (const argv of [['--help'], ['demo', '--help'], ['timeline', '--help'], ['import', '--help'], ['incidents', 'list', '--help'], ['serve', '--help']]) {
      const io = testIo(env);
      expect(await run(argv, io)).toBe(0);
      expect(io.stdout).toMatch(/Usage: sitrep/);
    }
  });

  it('fails with exit 1 on a missing database', async () => {
    const io = testIo(env);
    expect(await run(['incidents', 'list', '--db', join(dir, 'missing.db')], io)).toBe(1);
    expect(io.stderr).toMatch(/no database at/);
  });
});

describe('sitrep: demo, timeline, incidents, import', () => {
  const db = join(dir, 'demo.db');

  it('builds the demo and answers a timeline query that parses as a WindowResult', async () => {
    const io = testIo(env);
    expect(await run(['demo', '--db', db, '--events', '10000', '--seed', '4'], io)).toBe(0);
    expect(io.stdout).toMatch(/INC-2026-0314-001/);
    expect(io.stdout).toMatch(/10,0\d\d events/);

    const tl = testIo(env);
    const argv = ['timeline', '--db', db, '--from', '2026-03-14T02:02:00Z', '--to', '2026-03-14T03:27:00Z', '--width', '640', '--lanes', 'alerts,llm,gpu', '--json'];
    expect(await run(argv, tl)).toBe(0);
    const w = WindowResult.parse(JSON.parse(tl.stdout));
    expect(w.lanes.map((l) => l.lane)).toEqual(['alerts', 'llm', 'gpu']);
    const alerts = w.lanes[0];
    expect(alerts?.type === 'events' && alerts.total).toBe(5);

    const table = testIo(env);
    expect(await run(['timeline', '--db', db, '--width', '300'], table)).toBe(0);
    expect(table.stdout).toMatch(/Alerts .* 5 events/);
    expect(table.stdout).toMatch(/GPU .* DCGM_FI_DEV/);

    const list = testIo(env);
    expect(await run(['incidents', 'list', '--db', db, '--json'], list)).toBe(0);
    const incidents = IncidentSummary.array().parse(JSON.parse(list.stdout));
    expect(incidents.map((i) => i.id)).toEqual(['INC-2026-0314-001']);
  });

  it('imports a good file (exit 0) and reports a bad one (exit 1), naming line and field', async () => {
    const good = join(dir, 'good.jsonl');
    writeFileSync(good, JSON.stringify({ event: { kind: 'log', externalId: 'x1', ts: 1_773_456_420_000, service: 'api', severity: 'warn', body: 'disk 91%' } }) + '\n');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ sitrep: 1, events: [{ kind: 'log', ts: -5, service: 'api', severity: 'warn', body: 'x' }] }));
    const io = testIo(env);
    expect(await run(['import', '--db', db, good], io)).toBe(0);
    expect(io.stdout).toMatch(/ok {3}.*good\.jsonl \[jsonl\]: 1 events/);
    const io2 = testIo(env);
    expect(await run(['import', '--db', db, good, bad], io2)).toBe(1);
    expect(io2.stdout).toMatch(/0 events \(1 duplicates\)/);
    expect(io2.stderr).toMatch(/FAIL .*bad\.json \[json\]: 1 error; nothing written/);
    expect(io2.stderr).toMatch(/bad\.json: events\[0\]\.ts: /);
  });

  it('uses $SITREP_HOME/sitrep.db by default and creates the folder 0700', async () => {
    const home = join(dir, 'fresh-home');
    const io = testIo({ SITREP_HOME: home });
    expect(await run(['demo', '--events', '1000'], io)).toBe(0);
    expect(existsSync(join(home, 'sitrep.db'))).toBe(true);
    expect(statSync(home).mode & 0o777).toBe(0o700);
  });
});

describe('sitrep serve', () => {
  it('serves, prints the URL with its token, and stops cleanly', async () => {
    // serve writes telemetry through the store-writer worker thread: give it the bundled entry.
    process.env.SITREP_WORKERS_DIR = await bundleWorkers();
    let status = 0;
    let stop: () => void = () => undefined;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const io = testIo(env, {
      waitForStop: () => stopped,
      onServing: (info) => {
        void fetch(info.url, { redirect: 'manual' }).then(
          (r) => {
            status = r.status;
            stop();
          },
          () => stop(),
        );
      },
    });
    const code = await run(['serve', '--db', join(dir, 'serve.db'), '--no-demo'], io);
    expect(code).toBe(0);
    expect(io.stdout).toMatch(/open http:\/\/127\.0\.0\.1:\d+\/.*token=/);
    expect(io.stdout).toMatch(/Stopped/);
    // The token in the URL is accepted: a page or a redirect that trades it for a cookie, never 401.
    expect(status).toBeGreaterThanOrEqual(200);
    expect(status).not.toBe(401);
    expect(status).toBeLessThan(500);
  });
});
