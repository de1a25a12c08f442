import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeStore } from '../demo/fake-writer';
import { importFile } from './import-file';
import { formatImportError } from './report';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-import-'));
let n = 0;
function file(content: string | Buffer, ext = 'json'): string {
  const p = join(dir, `f${n++}.${ext}`);
  writeFileSync(p, content);
  return p;
}

const log = (i: number) => ({ kind: 'log', externalId: `l${i}`, ts: 1_773_456_420_000 + i, service: 'api', severity: 'info', body: `hello ${i}` });
const series = { name: 'vllm:num_requests_waiting', labels: { pod: 'p1' }, lane: 'inference', points: [[1_773_456_420_000, 1], [1_773_456_435_000, 3]] };
const incident = {
  id: 'INC-1', title: 't', severity: 'sev3', status: 'open', startedAt: 1, detectedAt: null, resolvedAt: null,
  windowFrom: 0, windowTo: 10, services: ['api'], summary: '',
};

describe('importFile: JSON document', () => {
  it('imports events, series and incidents', async () => {
    const store = fakeStore({ keep: true });
    const r = await importFile(store, file(JSON.stringify({ sitrep: 1, events: [log(1), log(2)], series: [series], incidents: [incident] })));
    expect(r).toMatchObject({ ok: true, written: true, format: 'json', events: 2, series: 1, points: 2, incidents: 1, errors: [] });
    expect(store.writer.events.map((e) => e.externalId)).toEqual(['l1', 'l2']);
    expect(store.incidents.map((i) => i.id)).toEqual(['INC-1']);
  });

  it('writes nothing when one item is invalid, and names the field', async () => {
    const store = fakeStore({ keep: true });
    const bad = { ...log(2), ts: 'yesterday' };
    const p = file(JSON.stringify({ sitrep: 1, events: [log(1), bad] }));
    const r = await importFile(store, p, { partial: true });
    expect(r.ok).toBe(false);
    expect(r.written).toBe(false);
    expect(store.writer.events).toHaveLength(0);
    expect(r.errors[0]?.field).toBe('events[1].ts');
    expect(formatImportError(p, r.errors[0]!)).toMatch(/f\d+\.json: events\[1\]\.ts: /);
  });

  it('reports syntax errors with a line, a wrong version, unknown keys, too deep nesting and size', async () => {
    const store = fakeStore();
    const syntax = await importFile(store, file('{"sitrep": 1,\n "events": [\n  {"kind": }\n]}'));
    expect(syntax.ok).toBe(false);
    expect(syntax.errors[0]?.message).toMatch(/invalid JSON/);
    const version = await importFile(store, file('{"sitrep": 2, "evnts": []}'));
    expect(version.errors.map((e) => e.field)).toEqual(['sitrep', 'evnts']);
    const deep = await importFile(store, file(`{"sitrep":1,"events":[{"kind":"log","attrs":${'['.repeat(50)}${']'.repeat(50)}}]}`));
    expect(deep.errors[0]?.message).toMatch(/deeper than 32/);
    const big = await importFile(store, file(JSON.stringify({ sitrep: 1, events: [log(1)] })), { limits: { maxDocumentBytes: 20 } });
    expect(big.errors[0]?.message).toMatch(/limit/);
    expect(store.writer.commit().events).toBe(0);
  });
});

describe('importFile: JSON Lines', () => {
  const lines = (xs: unknown[]) => xs.map((x) => JSON.stringify(x)).join('\n') + '\n';

  it('imports every record type and counts duplicates on re-import', async () => {
    const store = fakeStore({ keep: true });
    const p = file(lines([{ sitrep: 1 }, { event: log(1) }, { series }, { event: log(2) }, { incident }]), 'jsonl');
    const r = await importFile(store, p, { batchSize: 1 });
    expect(r).toMatchObject({ ok: true, format: 'jsonl', events: 2, series: 1, points: 2, incidents: 1 });
    const again = await importFile(store, p);
    expect(again).toMatchObject({ ok: true, events: 0, duplicates: 2 });
  });

  it('detects JSON Lines by content too', async () => {
    const r = await importFile(fakeStore(), file(lines([{ event: log(1) }, { event: log(2) }]), 'txt'));
    expect(r).toMatchObject({ format: 'jsonl', events: 2 });
  });

  it('is all or nothing by default, and imports the valid lines with partial', async () => {
    const content = lines([{ event: log(1) }, { event: { ...log(2), severity: 'loud' } }, { evnt: log(3) }, { event: log(4) }]) + '{oops\n';
    const strict = fakeStore({ keep: true });
    const p = file(content, 'jsonl');
    const r = await importFile(strict, p);
    expect(r.written).toBe(false);
    expect(strict.writer.events).toHaveLength(0);
    expect(r.errors.map((e) => [e.line, e.field])).toEqual([
      [2, 'event.severity'],
      [3, 'evnt'],
      [5, undefined],
    ]);
    const partial = fakeStore({ keep: true });
    const r2 = await importFile(partial, p, { partial: true });
    expect(r2).toMatchObject({ ok: false, written: true, events: 2, errorCount: 3 });
    expect(partial.writer.events.map((e) => e.externalId)).toEqual(['l1', 'l4']);
  });

  it('rejects long lines and caps the error list', async () => {
    const content = Array.from({ length: 20 }, () => 'x'.repeat(100)).join('\n');
    const r = await importFile(fakeStore(), file(content, 'jsonl'), { limits: { maxLineBytes: 50, maxErrors: 5 } });
    expect(r.errors).toHaveLength(5);
    expect(r.errorCount).toBe(20);
    expect(r.errors[0]?.message).toMatch(/longer than 50 bytes/);
  });

  it('reports a missing file', async () => {
    const r = await importFile(fakeStore(), join(dir, 'nope.json'));
    expect(r.ok).toBe(false);
    expect(r.errors[0]?.message).toMatch(/ENOENT/);
  });
});
