import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { EventListPage } from '../../shared/contract';
import { ContractFailure } from '../../shared/envelope';
import { MAX_TEXT, type EventInput } from '../../shared/events';
import type { Incident } from '../../shared/incident';
import type { EventListRow } from '../../shared/contract';
import { openStore } from './store';
import { llm, log, span, tool } from './test-events';

function catchErr(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('dedup', () => {
  test('same kind + externalId is stored once and counted as a duplicate, across batches', () => {
    const store = openStore(':memory:');
    const w = store.bulk({ batchSize: 2 });
    w.event(span(1, { externalId: 'a' }));
    w.event(span(2, { externalId: 'a' })); // same batch
    w.event(span(3, { externalId: 'b' }));
    w.event(llm(4, { externalId: 'a' })); // other kind: not a duplicate
    w.event(span(5)); // no externalId: never deduplicated
    w.event(span(5));
    expect(w.commit()).toEqual({ events: 5, duplicates: 1, points: 0, series: 0 });
    const again = store.ingest({ events: [span(9, { externalId: 'b' }), span(10, { externalId: 'c' })] });
    expect(again).toMatchObject({ events: 1, duplicates: 1 });
    expect(store.stats().events).toBe(6);
    const r = store.window({ from: 0, to: 100, widthPx: 100, lanes: [{ type: 'events', lane: 'traces' }] });
    expect(r.lanes[0]).toMatchObject({ total: 5 }); // rollups skip duplicates too
    store.close();
  });
});

describe('ingest', () => {
  test('rejects an invalid element naming index and field, and writes nothing', () => {
    const store = openStore(':memory:');
    const good = llm(1000);
    const bad = { ...llm(2000), inputTokens: -3 };
    const err = catchErr(() => store.ingest({ events: [good, bad] }));
    expect(err).toBeInstanceOf(ContractFailure);
    expect((err as ContractFailure).code).toBe('bad_input');
    expect((err as ContractFailure).message).toMatch(/^events\[1\]\.inputTokens: /);
    const badSeries = { name: 'x', labels: {}, lane: 'gpu', points: [[1, 2], [3, 'four']] };
    expect(() => store.ingest({ events: [good], series: [badSeries] })).toThrow(/series\[0\]\.points\[1\]\[1\]/);
    expect(() => store.ingest({ events: 'nope' as unknown as unknown[] })).toThrow(/events: expected an array/);
    expect(store.stats()).toMatchObject({ events: 0, series: 0, points: 0 });
    expect(store.extent()).toBeNull();
    store.close();
  });

  test('valid input writes events, series and points through the bulk path', () => {
    const store = openStore(':memory:');
    const s = store.ingest({
      events: [llm(1000), log(2000, 'error')],
      series: [{ name: 'vllm:num_requests_waiting', labels: { pod: 'p0' }, lane: 'inference', points: [[1000, 3], [1500, 7]] }],
    });
    expect(s).toEqual({ events: 2, duplicates: 0, points: 2, series: 1 });
    // the same series by name + labels (any order) is reused
    store.ingest({ series: [{ name: 'vllm:num_requests_waiting', labels: { pod: 'p0' }, lane: 'inference', points: [[3000, 1]] }] });
    expect(store.stats()).toMatchObject({ events: 2, series: 1, points: 3 });
    expect(store.extent()).toEqual({ from: 1000, to: 3000 });
    const r = store.window({ from: 0, to: 4000, widthPx: 4, lanes: [{ type: 'metrics', lane: 'inference' }] });
    expect(r.lanes[0]).toMatchObject({ metric: 'vllm:num_requests_waiting', series: [{ min: [null, 3, null, 1], max: [null, 7, null, 1], last: [null, 7, null, 1] }] });
    store.close();
  });
});

describe('hostile input', () => {
  test('huge strings are rejected by the schema', () => {
    const store = openStore(':memory:');
    expect(() => store.ingest({ events: [log(1, 'info', 'x'.repeat(MAX_TEXT + 1))] })).toThrow(/events\[0\]\.body/);
    expect(() => store.ingest({ events: [{ ...span(1), service: 's'.repeat(10_000) }] })).toThrow(/events\[0\]\.service/);
    expect(() => store.ingest({ events: [{ kind: 'drop table', ts: 1 }] })).toThrow(ContractFailure);
    expect(store.stats().events).toBe(0);
    store.close();
  });

  test('SQL and LIKE metacharacters in text search match literally', () => {
    const store = openStore(':memory:');
    const bodies = ["'; DROP TABLE events; --", '100% done', '100 percent done', 'a_b', 'axb', 'back\\slash', 'plain'];
    store.ingest({ events: bodies.map((b, i) => log(i + 1, 'info', b)) });
    const names = (text: string) => store.listEvents({ from: 0, to: 100, text }).rows.map((r) => r.name);
    expect(names("'; DROP TABLE events; --")).toEqual(["'; DROP TABLE events; --"]);
    expect(names('%')).toEqual(['100% done']);
    expect(names('_')).toEqual(['a_b']);
    expect(names('\\')).toEqual(['back\\slash']);
    expect(names('DONE')).toEqual(['100% done', '100 percent done']);
    expect(store.stats().events).toBe(bodies.length);
    store.close();
  });
});

describe('listEvents', () => {
  test('keyset pagination returns every matching event exactly once, in (ts, id) order', () => {
    const evArb = fc.record({
      ts: fc.integer({ min: 0, max: 2000 }),
      k: fc.constantFrom(0, 1, 2, 3),
      bad: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(evArb, { maxLength: 300 }),
        fc.integer({ min: 1, max: 40 }),
        fc.boolean(),
        fc.subarray(['llm_call', 'log', 'span', 'agent_action'] as const, { minLength: 1 }),
        (specs, limit, problemsOnly, kinds) => {
          const events: EventInput[] = specs.map(({ ts, k, bad }) =>
            k === 0 ? llm(ts, { status: bad ? 'error' : 'ok' }) : k === 1 ? log(ts, bad ? 'warn' : 'info') : k === 2 ? span(ts, { status: bad ? 'error' : 'ok' }) : tool(ts, bad ? 'timeout' : 'ok'),
          );
          const store = openStore(':memory:');
          store.ingest({ events });
          const from = 100;
          const to = 1900;
          const expected = events
            .map((e, i) => ({ e, id: i + 1 }))
            .filter(({ e }) => e.ts >= from && e.ts < to && (kinds as readonly string[]).includes(e.kind))
            .filter(({ id }) => !problemsOnly || specs[id - 1]?.bad === true)
            .sort((a, b) => a.e.ts - b.e.ts || a.id - b.id)
            .map(({ id }) => id);
          const seen: EventListRow[] = [];
          let page = store.listEvents({ from, to, limit, kinds: [...kinds], problemsOnly });
          for (let guard = 0; ; guard++) {
            EventListPage.parse(page);
            expect(page.rows.length).toBeLessThanOrEqual(limit);
            seen.push(...page.rows);
            if (page.next === null || guard > 400) break;
            page = store.listEvents({ from, to, limit, kinds: [...kinds], problemsOnly, after: page.next });
          }
          expect(seen.map((r) => r.id)).toEqual(expected);
          store.close();
        },
      ),
      { numRuns: 60 },
    );
  });

  test('rows carry severity and display names', () => {
    const store = openStore(':memory:');
    store.ingest({
      events: [
        log(1, 'warn', 'disk almost full'),
        { kind: 'alert', ts: 2, service: 'gw', name: 'HighErrorRate', fingerprint: 'f', severity: 'critical', state: 'firing', labels: {} },
        { kind: 'change', ts: 3, service: 'gw', changeType: 'deploy', target: 'gateway', author: 'ci', summary: 'v2' },
        tool(4, 'denied' as 'error'),
      ],
    });
    const rows = store.listEvents({ from: 0, to: 10 }).rows;
    expect(rows.map((r) => [r.name, r.status, r.severity])).toEqual([
      ['disk almost full', 'warn', 'warn'],
      ['HighErrorRate (firing)', 'error', 'critical'],
      ['deploy gateway', 'ok', null],
      ['search', 'error', null],
    ]);
    store.close();
  });
});

describe('getEvent', () => {
  test('returns the full event and the other events of its trace', () => {
    const store = openStore(':memory:');
    store.ingest({
      events: [
        span(10, { traceId: 't1', spanId: 's1' }),
        llm(20, { traceId: 't1', spanId: 's2' }),
        tool(30, 'ok', { traceId: 't1' }),
        span(40, { traceId: 't2' }),
        log(50, 'info'),
      ],
    });
    const d = store.getEvent(2);
    expect(d?.lane).toBe('llm');
    expect(d?.event).toMatchObject({ kind: 'llm_call', model: 'gpt-x', traceId: 't1' });
    expect(d?.related.map((r) => r.id)).toEqual([1, 3]);
    expect(store.getEvent(5)?.related).toEqual([]);
    expect(store.getEvent(999)).toBeNull();
    store.close();
  });
});

describe('incidents', () => {
  test('upsert, list and counts from rollups over the inclusive window', () => {
    const store = openStore(':memory:');
    const w = store.bulk();
    for (let i = 0; i < 1000; i++) w.event(span(i * 37, { status: i % 10 === 0 ? 'error' : 'ok' }));
    w.event({ kind: 'alert', ts: 5000, service: 'gw', name: 'A', fingerprint: 'f', severity: 'warning', state: 'firing', labels: {} });
    w.event({ kind: 'change', ts: 6000, service: 'gw', changeType: 'deploy', target: 'gw', author: 'me', summary: 's' });
    w.commit();
    const inc: Incident = {
      id: 'inc-1', title: 'Errors', severity: 'sev2', status: 'open', startedAt: 1000, detectedAt: null, resolvedAt: null,
      windowFrom: 1_234, windowTo: 20_011, services: ['gw'], summary: '',
    };
    store.upsertIncident(inc);
    store.upsertIncident({ ...inc, title: 'Errors (edited)' });
    const spans = Array.from({ length: 1000 }, (_, i) => i).filter((i) => i * 37 >= 1_234 && i * 37 <= 20_011);
    const got = store.getIncident('inc-1');
    expect(got?.title).toBe('Errors (edited)');
    expect(got?.counts).toEqual({ events: spans.length + 2, errors: spans.filter((i) => i % 10 === 0).length, alerts: 1, changes: 1 });
    expect(store.listIncidents().map((i) => i.id)).toEqual(['inc-1']);
    expect(store.getIncident('nope')).toBeNull();
    store.close();
  });
});

describe('read-only', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('reads work, writes throw a clear error', () => {
    dir = mkdtempSync(join(tmpdir(), 'sitrep-ro-'));
    const file = join(dir, 's.db');
    const rw = openStore(file);
    rw.ingest({ events: [span(1), span(2)] });
    rw.close();
    const ro = openStore(file, { readOnly: true });
    expect(ro.readOnly).toBe(true);
    expect(ro.stats().events).toBe(2);
    expect(ro.window({ from: 0, to: 10, widthPx: 10, lanes: [{ type: 'events', lane: 'traces' }] }).lanes[0]).toMatchObject({ total: 2 });
    expect(() => ro.ingest({ events: [span(3)] })).toThrow(/read-only/);
    expect(() => ro.bulk()).toThrow(ContractFailure);
    expect(ro.stats().events).toBe(2);
    ro.close();
    expect(() => openStore(join(dir, 'missing.db'), { readOnly: true })).toThrow();
  });
});
