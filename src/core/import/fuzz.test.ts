/** Hostile files: random bytes, truncated files, deep nesting never crash and never write garbage. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventInput } from '../../shared/events';
import { fakeStore } from '../demo/fake-writer';
import { importFile } from './import-file';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-fuzz-'));
let n = 0;

async function run(content: Uint8Array | string, ext: string, partial: boolean) {
  const p = join(dir, `f${n++}.${ext}`);
  writeFileSync(p, content);
  const store = fakeStore({ keep: true });
  const report = await importFile(store, p, { partial });
  // Whatever was written is valid, and nothing is written from a file with errors unless partial JSON Lines.
  for (const e of store.writer.events) EventInput.parse(e);
  if (!report.ok && !(partial && report.format === 'jsonl')) {
    expect(store.writer.events).toHaveLength(0);
    expect(store.writer.points).toBe(0);
    expect(store.incidents).toHaveLength(0);
  }
  expect(report.errorCount === 0).toBe(report.ok);
  return report;
}

const validDoc = JSON.stringify({
  sitrep: 1,
  events: [
    { kind: 'log', ts: 1000, service: 'a', severity: 'warn', body: 'x' },
    { kind: 'change', ts: 2000, service: 'a', changeType: 'deploy', target: 't', author: 'me', summary: 's' },
  ],
  series: [{ name: 'm', labels: {}, lane: 'gpu', points: [[1000, 1]] }],
});
const validLines = validDoc && [
  '{"event":{"kind":"log","ts":1000,"service":"a","severity":"warn","body":"x"}}',
  '{"series":{"name":"m","labels":{},"lane":"gpu","points":[[1000,1]]}}',
  '{"event":{"kind":"span","ts":1,"service":"b","name":"GET /","spanKind":"server","status":"ok"}}',
].join('\n');

describe('import fuzzing', () => {
  it('survives random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), fc.constantFrom('json', 'jsonl'), fc.boolean(), async (bytes, ext, partial) => {
        await run(bytes, ext, partial);
      }),
      { numRuns: 150 },
    );
  });

  it('writes nothing from a truncated document; writes only whole lines from truncated JSON Lines', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(validDoc.length - 1), async (cut) => {
        const r = await run(validDoc.slice(0, cut), 'json', true);
        expect(r.written).toBe(false);
      }),
      { numRuns: 100 },
    );
    await fc.assert(
      fc.asyncProperty(fc.nat(validLines.length), fc.boolean(), async (cut, partial) => {
        await run(validLines.slice(0, cut), 'jsonl', partial);
      }),
      { numRuns: 100 },
    );
  });

  it('rejects deep nesting anywhere without crashing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 33, max: 200_000 }), fc.constantFrom('[', '{"a":'), async (depth, open) => {
        const close = open === '[' ? ']' : '}';
        const nested = open.repeat(depth) + '1' + close.repeat(depth);
        const doc = await run(`{"sitrep":1,"events":[{"kind":"log","attrs":${nested}}]}`, 'json', false);
        expect(doc.errors[0]?.message).toMatch(/deeper than/);
        const line = await run(`{"event":${nested}}\n`, 'jsonl', true);
        expect(line.written).toBe(false);
      }),
      { numRuns: 30 },
    );
  });

  it('survives arbitrary JSON values in every position', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 6 }), fc.constantFrom('events', 'series', 'incidents'), async (v, key) => {
        await run(JSON.stringify({ sitrep: 1, [key]: [v] }), 'json', false);
        await run(JSON.stringify({ [key.replace(/s$/, '').replace('serie', 'series')]: v }) + '\n', 'jsonl', true);
      }),
      { numRuns: 150 },
    );
  });
});
