/** The by-content pipeline: input recognition, limits, hostile bytes, all-or-nothing, cancellation. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../store/store';
import { describeFixtures, readFixture } from '../../testing/fixtures';
import { ImportError } from '../formats/types';
import { importOne } from './import-one';
import { PIPELINE_LIMITS } from './limits';
import { buildInput } from './parse-input';
import { firstInvalidUtf8 } from './read-file';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-pipeline-'));
let n = 0;
function file(content: string | Uint8Array): string {
  const p = join(dir, `f${n++}`);
  writeFileSync(p, content);
  return p;
}
const build = (text: string) => buildInput(text, PIPELINE_LIMITS);
const rejects = async (text: string): Promise<ImportError> => {
  try {
    await build(text);
  } catch (e) {
    if (e instanceof ImportError) return e;
    throw e;
  }
  throw new Error('expected an ImportError');
};
const log = { kind: 'log', externalId: 'l1', ts: 1_773_456_420_000, service: 'api', severity: 'warn', body: 'x' };

describe('buildInput', () => {
  it('recognises JSON, JSON Lines, YAML (multi-document) and text', async () => {
    expect(await build('{"a":1}')).toEqual({ kind: 'json', doc: { a: 1 }, skippedLines: 0 });
    expect(await build('{"a":1}\n\n[2]\n')).toEqual({ kind: 'jsonl', lines: [{ line: 1, value: { a: 1 } }, { line: 3, value: [2] }] });
    expect(await build('kind: Event\n---\nkind: Pod\n')).toEqual({ kind: 'yaml', docs: [{ kind: 'Event' }, { kind: 'Pod' }] });
    expect(await build('# HELP up x\nup{job="a"} 1 1700000000000\n')).toMatchObject({ kind: 'text' });
    expect(await build('meta line\nmore: "meta"\n{"data": 1}')).toEqual({ kind: 'json', doc: { data: 1 }, skippedLines: 2 });
  });

  it('names the line and byte offset of a JSON error, and of a bad JSON line', async () => {
    const e = await rejects('{\n  "a": 1,\n  "b": }');
    expect(e.message).toMatch(/invalid JSON.*line 3, byte offset 19/);
    expect(e.where).toMatchObject({ line: 3, offset: 19 });
    expect((await rejects('{"a":1}\n{"b":\n{"c":3}\n')).message).toMatch(/line 2: invalid JSON/);
    expect((await rejects('   ')).message).toBe('file is empty');
  });

  it('limits depth in JSON and YAML, YAML aliases, and refuses custom tags', async () => {
    expect((await rejects('['.repeat(65) + ']'.repeat(65))).message).toMatch(/nested deeper than 64 levels.*byte offset 64/);
    expect(await build('['.repeat(64) + ']'.repeat(64))).toMatchObject({ kind: 'json' });
    const deepYaml = 'a:\n' + Array.from({ length: 70 }, (_, i) => ' '.repeat((i + 1) * 2) + `k${i}:`).join('\n') + ' 1\n';
    expect((await rejects(deepYaml)).message).toMatch(/nested deeper than 64/);
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 12 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`)].join('\n');
    expect((await rejects(bomb)).message).toMatch(/YAML document 1: .*alias/i);
    expect((await rejects('kind: Event\nx: !secret foo\n')).message).toMatch(/custom tags are not accepted/);
  });

  it('finds the first invalid UTF-8 byte', () => {
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xe2, 0x82]))).toBe(1);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xed, 0xa0, 0x80]))).toBe(1); // surrogate
    expect(firstInvalidUtf8(Buffer.from([0xc0, 0x80]))).toBe(0); // overlong
    expect(firstInvalidUtf8(Buffer.from('héllo ✓ 😀'))).toBe(Buffer.byteLength('héllo ✓ 😀'));
  });
});

describeFixtures('buildInput on real recordings', () => {
  it('skips the two metadata lines of a recorded Prometheus query_range', async () => {
    const input = await build(readFixture('prometheus_api/holmesgpt_17_execute_prometheus_range_query_node_cpu.txt'));
    expect(input).toMatchObject({ kind: 'json', skippedLines: 2, doc: { status: 'success' } });
  });
  it('reads a Kubernetes watch stream as YAML documents', async () => {
    const input = await build(readFixture('k8s_events/kspan_deployment-2-pods.watch.yaml'));
    expect(input.kind === 'yaml' && input.docs.length).toBeGreaterThan(20);
  });
});

describe('importOne: whole or nothing', () => {
  it('imports Sitrep JSON and reports an unrecognised format with what was tried', async () => {
    const store = openStore(':memory:');
    const ok = await importOne(store, file(JSON.stringify({ sitrep: 1, events: [log] })));
    expect(ok).toMatchObject({ ok: true, format: 'sitrep-json', counts: { logs: 1, duplicates: 0 } });
    const unknown = await importOne(store, file('{"hello": "world"}'));
    expect(unknown.error).toMatch(/^unrecognised format: a JSON document .*tried: sitrep-json, sitrep-jsonl/);
    expect(store.stats().events).toBe(1);
  });

  it('honours a cancel before writing', async () => {
    const store = openStore(':memory:');
    const ac = new AbortController();
    ac.abort();
    const r = await importOne(store, file(JSON.stringify({ sitrep: 1, events: [log] })), { signal: ac.signal });
    expect(r).toMatchObject({ ok: false, error: 'import cancelled; nothing was written' });
    expect(store.stats().events).toBe(0);
  });

  it('rejects files over the size limit before reading them', async () => {
    const r = await importOne(openStore(':memory:'), file('x'.repeat(100)), { limits: { maxBytes: 10 } });
    expect(r.error).toMatch(/file is 100 bytes; the import limit is 10 bytes/);
  });
});

describe('importOne fuzzing: never a crash, never half a file', () => {
  const good = JSON.stringify({ sitrep: 1, events: [log, { ...log, externalId: 'l2', severity: 'error' }], series: [{ name: 'm', labels: {}, lane: 'gpu', points: [[1000, 1]] }] }, null, 1);

  async function check(content: string | Uint8Array): Promise<void> {
    const store = openStore(':memory:');
    const r = await importOne(store, file(content));
    const stats = store.stats();
    if (r.ok) expect(r.error).toBeNull();
    else {
      expect(r.error).toEqual(expect.any(String));
      expect(stats.events + stats.points + stats.series).toBe(0);
    }
    store.close();
  }

  it('survives random bytes and random JSON', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 1024 }), check), { numRuns: 120 });
    await fc.assert(fc.asyncProperty(fc.jsonValue({ maxDepth: 5 }), (v) => check(JSON.stringify(v))), { numRuns: 120 });
  });

  it('truncated bodies and flipped bytes write nothing or everything', async () => {
    await fc.assert(fc.asyncProperty(fc.nat(good.length - 1), (cut) => check(good.slice(0, cut))), { numRuns: 80 });
    await fc.assert(
      fc.asyncProperty(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 }), (at, byte) => {
        const b = Buffer.from(good);
        b[at] = byte;
        return check(b);
      }),
      { numRuns: 80 },
    );
  });

  it('deep nesting and huge strings in any position', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 60, max: 50_000 }), fc.constantFrom('[', '{"a":', '- ', 'a:\n  '), (depth, open) => {
        const close = open === '[' ? ']' : open === '{"a":' ? '}' : '';
        return check(open.repeat(depth) + '1' + close.repeat(depth));
      }),
      { numRuns: 20 },
    );
    await check(JSON.stringify({ sitrep: 1, events: [{ ...log, body: 'y'.repeat(10 * 1024 * 1024) }] }));
  }, 60_000);
});
