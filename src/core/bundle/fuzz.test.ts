/**
 * The reader against hostile files: random mutations of a valid bundle never crash it, are never
 * accepted, and never write; validly signed files with bad contents are refused with the reason.
 */
import { rmSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventInput } from '../../shared/events';
import type { Incident } from '../../shared/incident';
import type { PayloadRecord } from './collect';
import { inspect, openBundle } from './index';
import { emptyStore, makeExporter } from './testing';
import { writeBundle } from './write';
import { gzipSync } from 'node:zlib';
import { encrypt, newNonce, passphraseKey, sha256Hex, signBundle } from './crypto';
import { frame, gcmAad } from './format';
import { SECTIONS, type BundleHeader } from './schema';
import type { EventStore } from '../store/api';

const PASS = 'fuzzing passphrase 0123';
const T = Date.UTC(2026, 2, 14, 2, 47);
const incident: Incident = { id: 'INC-F', title: 'Fuzz', severity: 'sev3', status: 'open', startedAt: T, detectedAt: null, resolvedAt: null, windowFrom: T - 60_000, windowTo: T + 60_000, services: ['svc'], summary: 's' };
const ev = (i: number): EventInput => ({ kind: 'log', ts: T + i * 1000, service: 'svc', severity: i % 2 === 0 ? 'error' : 'info', body: `line ${i}` });
const head: PayloadRecord = { t: 'incident', incident, exportedAt: T, window: { from: incident.windowFrom, to: incident.windowTo }, context: { changesFrom: incident.windowFrom - 3_600_000, logsFrom: incident.windowFrom - 900_000 } };
const noJournal: PayloadRecord = { t: 'journal', included: false, note: 'none', journalId: null, publicKey: null, checkpoint: null };
const valid: PayloadRecord[] = [head, ...[1, 2, 3].map((i): PayloadRecord => ({ t: 'event', id: i, e: ev(i) })), { t: 'series', id: 7, name: 'gpu_util', labels: { gpu: '0' }, lane: 'gpu', unit: null }, { t: 'points', s: 7, p: [[T, 1], [T + 1000, 2]] }, noJournal];
const { exporter } = makeExporter();

let file: Buffer;
let dst: { dir: string; store: EventStore };

const write = async (records: PayloadRecord[]) => (await writeBundle('INC-F', records, { exporter, sealing: { passphrase: PASS }, sitrepVersion: 't', createdAt: T })).bytes;

/** As writeBundle, from raw lines and without its checks: what a buggy or hostile exporter could sign. */
async function writeRaw(lines: string[]): Promise<Buffer> {
  const plain = Buffer.from(lines.map((l) => `${l}\n`).join(''), 'utf8');
  const contents = Object.fromEntries(
    SECTIONS.map((s) => {
      const typeOf = (l: string): unknown => {
        try {
          return (JSON.parse(l) as { t?: unknown }).t;
        } catch {
          return null;
        }
      };
      const mine = lines.filter((l) => typeOf(l) === s);
      return [s, { count: mine.length, sha256: sha256Hex(mine.map((l) => `${l}\n`).join('')) }];
    }),
  ) as BundleHeader['contents'];
  const compressed = gzipSync(plain);
  const { key, encryption } = await passphraseKey(PASS);
  const nonce = newNonce();
  const draft: BundleHeader = {
    format: 'sitrep-review-bundle',
    version: 1,
    createdAt: T,
    sitrepVersion: 't',
    exporter: { id: exporter.id, name: exporter.name, publicKey: exporter.publicKey },
    incident: { id: 'INC-F' },
    encryption,
    cipher: { name: 'aes-256-gcm', nonce: nonce.toString('base64') },
    payload: { compression: 'gzip', bytes: compressed.length + 16, plainBytes: plain.length, sha256: '' },
    contents,
  };
  const ciphertext = encrypt(key, nonce, compressed, gcmAad(draft));
  return frame({ ...draft, payload: { ...draft.payload, sha256: sha256Hex(ciphertext) } }, ciphertext, (x) => signBundle(x, exporter.signingKey));
}

beforeAll(async () => {
  file = await write(valid);
  dst = emptyStore();
});
afterAll(() => {
  dst.store.close();
  rmSync(dst.dir, { recursive: true, force: true });
});

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), to: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(src: Buffer, m: Mutation): Buffer {
  const b = Buffer.from(src);
  const i = m.at % b.length;
  switch (m.kind) {
    case 'flip':
      b[i] = (b[i] ?? 0) ^ (1 << m.bit);
      return b;
    case 'set':
      b[i] = m.value;
      return b;
    case 'truncate':
      return b.subarray(0, i);
    case 'insert':
      return Buffer.concat([b.subarray(0, i), Buffer.from(m.bytes), b.subarray(i)]);
    case 'delete':
      return Buffer.concat([b.subarray(0, i), b.subarray(i + m.n)]);
    case 'swap': {
      const j = m.to % b.length;
      const x = b[i] ?? 0;
      b[i] = b[j] ?? 0;
      b[j] = x;
      return b;
    }
  }
}

describe('bundle reader fuzz', () => {
  it('a valid file opens', async () => {
    const { report } = await inspect(file, { operators: [], opener: { passphrase: PASS } });
    expect(report).toMatchObject({ intact: true, decrypted: true, counts: { events: 3, series: 1, points: 2 } });
  });

  it('random mutations are refused (never thrown, never accepted) and write nothing', async () => {
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const bad = mutate(file, m);
        if (bad.equals(file)) return;
        const r = await openBundle(dst.store, bad, { opener: { passphrase: PASS }, operators: [], now: T });
        expect(r.imported).toBeNull();
        expect(r.report.intact).toBe(false);
        expect(r.report.problem).not.toBeNull();
      }),
      { numRuns: 300 },
    );
    expect(dst.store.listIncidents()).toEqual([]);
    expect(dst.store.stats()).toMatchObject({ events: 0, series: 0, points: 0 });
  });

  it('random bytes are not a bundle', () => {
    return fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (bytes) => {
        const { report } = await inspect(bytes, { operators: [] });
        expect(report.intact).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('validly signed files with bad contents are refused, naming the problem, and write nothing', async () => {
    const entry = { t: 'entry' as const, seq: 1, ts: T, kind: 'note', actor: 'a', hash: 'a'.repeat(64), prevHash: 'b'.repeat(64), payload: { text: 'x' } };
    const cases: [PayloadRecord[], RegExp][] = [
      [[...valid.slice(1, 2), head, ...valid.slice(2)], /out of order/],
      [valid.filter((r) => r.t !== 'journal'), /lack the incident or the journal/],
      [valid.map((r) => (r.t === 'points' ? { ...r, s: 99 } : r)), /series 99, which the bundle does not declare/],
      [[...valid, entry], /says its journal is not included, yet it holds journal entries/],
      [valid.map((r) => (r.t === 'incident' ? { ...r, incident: { ...incident, id: 'INC-OTHER' } } : r)), /contents are of incident INC-OTHER, the header says INC-F/],
      [valid.map((r) => (r.t === 'event' && r.id === 2 ? { ...r, e: { ...r.e, ts: -5 } } : r)) as PayloadRecord[], /event record 2 is not valid \(e.ts/],
    ];
    const lines = (records: PayloadRecord[]) => records.map((r) => JSON.stringify(r));
    const raw: [string[], RegExp][] = [
      ...cases.map(([records, why]): [string[], RegExp] => [lines(records), why]),
      [[...lines(valid.slice(0, 2)), '{"t":"macro","run":"rm -rf /"}', ...lines(valid.slice(2))], /Record 3 of the contents has no known type/],
      [[...lines(valid.slice(0, 2)), 'not json', ...lines(valid.slice(2))], /Record 3 of the contents is not JSON/],
    ];
    for (const [records, why] of raw) {
      const bytes = await writeRaw(records);
      const r = await openBundle(dst.store, bytes, { opener: { passphrase: PASS }, operators: [], now: T });
      expect(r.report.intact, String(why)).toBe(false);
      expect(r.report.problem, String(why)).toMatch(why);
      expect(r.imported).toBeNull();
    }
    expect(dst.store.listIncidents()).toEqual([]);
  });
});
