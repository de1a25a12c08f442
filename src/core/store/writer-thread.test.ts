import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EventInput } from '../../shared/events';
import { workerFile } from '../testing/workers';
import { WORKER_ENTRIES } from '../workers/resolve';
import type { EventStore } from './api';
import { openStore } from './store';
import { createThreadedWriter, type ThreadedWriter } from './writer-thread';

const T0 = Date.UTC(2026, 2, 14, 3, 0);
const span = (i: number): EventInput => ({
  kind: 'span',
  externalId: `s${i}`,
  ts: T0 + i,
  durMs: 5,
  service: 'checkout',
  name: `GET /orders/${i % 7}`,
  spanKind: 'server',
  status: i % 10 === 0 ? 'error' : 'ok',
});

describe('threaded store writer', () => {
  let file = '';
  let dir = '';
  let entry = '';
  let store: EventStore | null = null;
  let writer: ThreadedWriter | null = null;

  beforeAll(async () => {
    entry = await workerFile('store-writer');
  }, 60_000);

  const setup = (): { store: EventStore; writer: ThreadedWriter } => {
    dir = mkdtempSync(join(tmpdir(), 'sitrep-writer-'));
    file = join(dir, 'sitrep.db');
    store = openStore(file);
    writer = createThreadedWriter(file, { workerFile: entry });
    return { store, writer };
  };

  afterEach(async () => {
    await writer?.close();
    store?.close();
    writer = null;
    store = null;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('commits batches in order; each is visible to the main connection once its promise resolves', async () => {
    const { store: s, writer: w } = setup();
    await w.ready;
    const batches = Array.from({ length: 20 }, (_, b) => Array.from({ length: 100 }, (_, i) => span(b * 100 + i)));
    const order: number[] = [];
    const stats = await Promise.all(
      batches.map((evs, b) =>
        w.write(evs, []).then((st) => {
          order.push(b);
          // Everything up to this batch is already readable here.
          expect(s.listEvents({ from: T0, to: T0 + (b + 1) * 100, limit: 1, problemsOnly: false }).rows.length).toBe(1);
          return st;
        }),
      ),
    );
    expect(order).toEqual(batches.map((_, b) => b));
    expect(stats.reduce((n, st) => n + st.events, 0)).toBe(2000);
    expect(s.stats().events).toBe(2000);
    // Re-sending a batch is deduplicated by the worker's writer like any other.
    const again = await w.write(batches[0] ?? [], []);
    expect(again).toMatchObject({ events: 0, duplicates: 100 });
  });

  it('writes metric series and points with their rollups', async () => {
    const { store: s, writer: w } = setup();
    const st = await w.write([], [{ name: 'vllm:num_requests_waiting', labels: { pod: 'p1' }, lane: 'inference', points: [[T0, 1], [T0 + 15_000, 4]] }]);
    expect(st).toMatchObject({ series: 1, points: 2 });
    expect(s.stats().points).toBe(2);
  });

  it('a store it cannot open fails `ready` and every write with the reason', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sitrep-writer-'));
    writer = createThreadedWriter(join(dir, 'no', 'such', 'dir', 'x.db'), { workerFile: entry });
    await expect(writer.ready).rejects.toThrow(/could not open/);
    await expect(writer.write([span(1)], [])).rejects.toThrow(/could not open/);
  });

  it('close lets batches already handed over finish, then refuses new ones', async () => {
    const { store: s, writer: w } = setup();
    const pending = w.write(Array.from({ length: 500 }, (_, i) => span(i)), []);
    const closing = w.close();
    await expect(pending).resolves.toMatchObject({ events: 500 });
    await closing;
    expect(s.stats().events).toBe(500);
    await expect(w.write([span(9999)], [])).rejects.toThrow(/closed/);
  });

  it('a batch the store refuses fails alone and the writer goes on', async () => {
    const { writer: w } = setup();
    const bad = { ...span(1), ts: Number.NaN } as EventInput; // violates NOT NULL: SQLite refuses it
    await expect(w.write([bad], [])).rejects.toThrow();
    await expect(w.write([span(2)], [])).resolves.toMatchObject({ events: 1 });
  });
});

describe('worker entries', () => {
  it('scripts/build-cli.mjs bundles exactly the entries the runtime resolves', () => {
    const script = readFileSync(resolve(__dirname, '..', '..', '..', 'scripts', 'build-cli.mjs'), 'utf8');
    const m = /const WORKERS = (\{[^}]*\});/.exec(script);
    expect(m).not.toBeNull();
    const declared = JSON.parse((m?.[1] ?? '{}').replace(/'/g, '"').replace(/([{,]\s*)"?([\w-]+)"?\s*:/g, '$1"$2":')) as Record<string, string>;
    expect(declared).toEqual(WORKER_ENTRIES);
  });
});
