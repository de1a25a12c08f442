import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ContractFailure } from '../../shared/envelope';
import { analyze, latestAnalysis } from '../analysis';
import { openJournal } from '../journal/journal';
import type { EventStore } from '../store/api';
import { assertNotReviewCopy, exportBundle, generateRecipientKey, inspect, openBundle, readRecipientPrivate, readRecipientPublic, reviewJournal, withProvenance, type Exported } from './index';
import { frame, headerBytes, unframe } from './format';
import { signBundle } from './crypto';
import { tamper } from '../journal/testing';
import { BUNDLE_PASSPHRASE, emptyStore, JOURNAL_PASSPHRASE, makeExporter, makeSource, type Source } from './testing';

let src: Source;
let exported: Exported;
let file: Buffer;
const dirs: string[] = [];
const stores: EventStore[] = [];
const NOW = Date.UTC(2026, 2, 15, 9, 30);

function fresh(): EventStore {
  const s = emptyStore();
  dirs.push(s.dir);
  stores.push(s.store);
  return s.store;
}

const nothingWritten = (s: EventStore) => {
  expect(s.listIncidents()).toEqual([]);
  expect(s.stats()).toMatchObject({ events: 0, series: 0, points: 0 });
  expect(s.sql.prepare('SELECT count(*) FROM review_copies').pluck().get()).toBe(0);
  expect(s.sql.prepare('SELECT count(*) FROM analyses').pluck().get()).toBe(0);
};

beforeAll(async () => {
  src = await makeSource();
  dirs.push(src.dir);
  stores.push(src.store);
  exported = await exportBundle(src.store, src.incidentId, {
    journal: { journal: src.journal, actor: 'ana' },
    exporter: src.exporter,
    sealing: { passphrase: BUNDLE_PASSPHRASE },
    sitrepVersion: '0.1.0',
    now: NOW,
  });
  file = exported.written.bytes;
});
afterAll(() => {
  src.journal.close();
  for (const s of stores) s.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('review bundles', () => {
  test('without the passphrase: structure, signature and ciphertext hash; who exported it, known or not', async () => {
    const { report } = await inspect(file, { operators: [src.operator] });
    expect(report).toMatchObject({ intact: true, decrypted: false, problem: null, incidentId: src.incidentId, exportedAt: NOW, sitrepVersion: '0.1.0', encryption: { kind: 'passphrase', recipient: null } });
    expect(report.exporter).toMatchObject({ name: 'ana', trust: 'known', localName: 'ana' });
    expect(report.checks.map((c) => [c.name, c.ok])).toEqual([
      ['structure', true],
      ['ciphertext hash', true],
      ['signature', true],
    ]);
    expect(report.counts?.events).toBeGreaterThan(1000);
    expect(report.incident).toBeNull();
    // Nothing in clear but the header: no incident title, no event text.
    expect(file.includes(Buffer.from('support-agent'))).toBe(false);

    const stranger = await inspect(file, { operators: [] });
    expect(stranger.report.exporter).toMatchObject({ trust: 'unknown', localName: null });
    expect(stranger.report.warnings[0]).toMatch(/not one of this profile's operators: "ana" is only what the file says/);
    const namesake = makeExporter('ana').operator;
    const conflict = await inspect(file, { operators: [namesake] });
    expect(conflict.report.exporter?.trust).toBe('name_conflict');
    expect(conflict.report.warnings[0]).toMatch(/holds another key/);
  });

  test('round trip: the review copy has the same timeline, analyses, decisions and the journal entries about the incident', async () => {
    const dst = fresh();
    const opened = await openBundle(dst, file, { opener: { passphrase: BUNDLE_PASSPHRASE }, operators: [], now: NOW + 1000 });
    expect(opened.report).toMatchObject({ intact: true, decrypted: true, problem: null, openAs: src.incidentId, alreadyOpenAs: null });
    expect(opened.report.checks.every((c) => c.ok)).toBe(true);
    expect(opened.report.checks.map((c) => c.name)).toEqual(['structure', 'ciphertext hash', 'signature', 'decryption', 'content hashes', 'journal checkpoint']);
    const imported = opened.imported;
    if (imported === null) throw new Error('expected an import');
    expect(imported.incidentId).toBe(src.incidentId);
    expect(imported.unmatchedEvidence).toBe(0);

    const a = src.store.getIncident(src.incidentId);
    const b = dst.getIncident(src.incidentId);
    expect(b).not.toBeNull();
    expect({ ...b, counts: undefined }).toEqual({ ...a, counts: undefined });
    expect(b?.counts).toEqual(a?.counts);
    const inc = a!;
    const q = { from: inc.windowFrom, to: inc.windowTo, widthPx: 400, lanes: [{ type: 'events' as const, lane: 'llm' as const }, { type: 'events' as const, lane: 'logs' as const }] };
    const wa = src.store.window(q);
    const wb = dst.window(q);
    expect(wb.lanes.map((l) => JSON.stringify(l).replace(/"id":\d+/g, ''))).toEqual(wa.lanes.map((l) => JSON.stringify(l).replace(/"id":\d+/g, '')));

    const la = latestAnalysis(src.store, inc.id, inc.windowFrom, inc.windowTo);
    const lb = latestAnalysis(dst, inc.id, inc.windowFrom, inc.windowTo);
    expect(lb?.hypotheses.map((h) => [h.title, h.status])).toEqual(la?.hypotheses.map((h) => [h.title, h.status]));
    expect(lb?.rejected.map((h) => [h.title, h.reason])).toEqual(la?.rejected.map((h) => [h.title, h.reason]));
    expect(lb?.rejected.some((h) => h.reason === 'ana: the deploy touched nothing that degraded')).toBe(true);
    // Evidence points at the same events, under this store's ids.
    const evA = la!.evidence.find((e) => e.eventIds.length > 0)!;
    const evB = lb!.evidence.find((e) => e.id === evA.id)!;
    expect(evB.eventIds.map((id) => dst.getEvent(id)?.event)).toEqual(evA.eventIds.map((id) => src.store.getEvent(id)?.event));

    // Re-running the engine offline on the review copy finds what the original run found.
    const rerun = analyze(dst, { from: inc.windowFrom, to: inc.windowTo, incidentId: inc.id, now: NOW });
    const orig = analyze(src.store, { from: inc.windowFrom, to: inc.windowTo, incidentId: inc.id, now: NOW });
    expect(rerun.hypotheses.map((h) => [h.title, h.confidence])).toEqual(orig.hypotheses.map((h) => [h.title, h.confidence]));

    const [withP] = withProvenance(dst, dst.listIncidents());
    expect(withP?.provenance).toMatchObject({ kind: 'bundle', originalId: inc.id, exporter: { name: 'ana', trust: 'unknown' }, exportedAt: NOW, openedAt: NOW + 1000, intact: true, bundleSha256: exported.written.sha256 });
    expect(withProvenance(src.store, src.store.listIncidents())[0]?.provenance).toBeUndefined();

    const j = reviewJournal(dst, inc.id);
    expect(j.included).toBe(true);
    expect(j.checkpoint).toMatchObject({ valid: true, seq: 4 });
    expect(j.entries.map((e) => [e.seq, e.kind, e.actor, e.linked])).toEqual([
      [2, 'hypothesis', 'ana', false],
      [3, 'decision', 'ana', true],
      [4, 'note', 'bo', true],
    ]);
    const original = src.journal.list();
    expect(j.entries.map((e) => e.hash)).toEqual(original.slice(1, 4).map((e) => e.hash));
    expect(j.entries.map((e) => e.summary).join('\n')).not.toMatch(/Unrelated/);
  });

  test('a review copy refuses changes server-side; the incident it came from does not', () => {
    const dst = fresh();
    return openBundle(dst, file, { opener: { passphrase: BUNDLE_PASSPHRASE }, operators: [], now: NOW }).then(() => {
      expect(() => assertNotReviewCopy(dst, src.incidentId)).toThrow(ContractFailure);
      expect(() => assertNotReviewCopy(dst, src.incidentId)).toThrow(/review copy opened from a bundle \(exported by ana\): it is read-only/);
      expect(() => assertNotReviewCopy(src.store, src.incidentId)).not.toThrow();
    });
  });

  test('a wrong passphrase is told apart from a damaged file, and writes nothing', async () => {
    const dst = fresh();
    const r = await openBundle(dst, file, { opener: { passphrase: 'not the passphrase at all' }, operators: [], now: NOW });
    expect(r.imported).toBeNull();
    expect(r.report).toMatchObject({ intact: true, decrypted: false, problemCode: 'wrong_passphrase' });
    expect(r.report.problem).toMatch(/Wrong passphrase \(the file itself is intact/);
    nothingWritten(dst);
  });

  test('opening the same bundle twice opens the copy already there; a clashing id gets a suffix and its own analyses', async () => {
    const dst = fresh();
    const first = await openBundle(dst, file, { opener: { passphrase: BUNDLE_PASSPHRASE }, operators: [], now: NOW });
    const events = dst.stats().events;
    const again = await openBundle(dst, file, { opener: { passphrase: BUNDLE_PASSPHRASE }, operators: [], now: NOW });
    expect(again.imported).toBeNull();
    expect(again.report.alreadyOpenAs).toBe(first.imported?.incidentId);
    expect(dst.stats().events).toBe(events);

    const before = src.store.sql.prepare('SELECT id, result_json FROM analyses ORDER BY id').all();
    const into = await openBundle(src.store, file, { opener: { passphrase: BUNDLE_PASSPHRASE }, operators: [src.operator], now: NOW });
    expect(into.imported?.incidentId).toBe(`${src.incidentId}-review`);
    expect(into.report.warnings.some((w) => /already holds \d+ events in the incident's window/.test(w))).toBe(true);
    // The original's analyses are untouched; the copy's were stored under new ids.
    const after = src.store.sql.prepare('SELECT id, result_json FROM analyses WHERE incident_id = ? ORDER BY id').all(src.incidentId);
    expect(after).toEqual(before);
    const copy = latestAnalysis(src.store, `${src.incidentId}-review`, src.store.getIncident(src.incidentId)!.windowFrom, src.store.getIncident(src.incidentId)!.windowTo);
    expect(copy?.incidentId).toBe(`${src.incidentId}-review`);
    expect(copy?.id).not.toBe(src.analysisId);
    expect(() => assertNotReviewCopy(src.store, src.incidentId)).not.toThrow();
    expect(() => assertNotReviewCopy(src.store, `${src.incidentId}-review`)).toThrow(ContractFailure);
  });

  test("for a recipient's key: opened with that key only, and the key file's passphrase guards it", async () => {
    const keyPath = join(src.dir, 'reviewer.key');
    const other = join(src.dir, 'other.key');
    generateRecipientKey(keyPath, 'reviewer key passphrase');
    generateRecipientKey(other, 'other key passphrase');
    expect(() => generateRecipientKey(keyPath, 'reviewer key passphrase')).toThrow(/exists/);
    const pub = readRecipientPublic(`${keyPath}.pub`);
    const x = await exportBundle(src.store, src.incidentId, { journal: { journal: null, reason: 'left out on purpose', actor: 'ana' }, exporter: src.exporter, sealing: { recipientPublicKey: pub.publicKey }, sitrepVersion: '0.1.0', now: NOW });
    const bytes = x.written.bytes;
    const v = await inspect(bytes, { operators: [] });
    expect(v.report).toMatchObject({ intact: true, encryption: { kind: 'recipient', recipient: pub.fingerprint } });

    const wrongKey = await inspect(bytes, { operators: [], opener: { privateKey: readRecipientPrivate(other, 'other key passphrase') } });
    expect(wrongKey.report).toMatchObject({ intact: true, decrypted: false, problemCode: 'wrong_key' });
    expect(wrongKey.report.problem).toContain(pub.fingerprint);
    const withPassphrase = await inspect(bytes, { operators: [], opener: { passphrase: BUNDLE_PASSPHRASE } });
    expect(withPassphrase.report).toMatchObject({ decrypted: false, problemCode: 'needs_key' });
    expect(() => readRecipientPrivate(keyPath, 'wrong passphrase!!')).toThrow(/wrong passphrase/);

    const dst = fresh();
    const r = await openBundle(dst, bytes, { opener: { privateKey: readRecipientPrivate(keyPath, 'reviewer key passphrase') }, operators: [], now: NOW });
    expect(r.report).toMatchObject({ intact: true, decrypted: true, journal: { included: false, note: 'left out on purpose', entries: 0 } });
    expect(r.report.warnings).toContain('The bundle carries no journal entries: left out on purpose.');
    expect(reviewJournal(dst, src.incidentId)).toMatchObject({ included: false, entries: [] });
  });

  test('a byte changed anywhere is refused, naming what failed, and nothing is written', async () => {
    const { signed, ciphertext } = unframe(file);
    const at = {
      magic: 2,
      version: 9,
      'header length': 12,
      'header (exporter name)': file.indexOf(Buffer.from('"name":"ana"')) + 9,
      'header (a content hash)': file.indexOf(Buffer.from('"sha256":"')) + 12,
      ciphertext: signed.length + 100,
      'GCM tag': signed.length + ciphertext.length - 3,
      signature: file.length - 5,
    };
    const dst = fresh();
    const seen = new Set<string>();
    for (const [where, i] of Object.entries(at)) {
      const bad = Buffer.from(file);
      bad[i] = (bad[i] ?? 0) ^ 0x20;
      const r = await openBundle(dst, bad, { opener: { passphrase: BUNDLE_PASSPHRASE }, operators: [src.operator], now: NOW });
      expect(r.imported, where).toBeNull();
      expect(r.report.intact, where).toBe(false);
      expect(r.report.problem, where).toMatch(/.{20,}/);
      seen.add(r.report.problemCode ?? '');
    }
    expect([...seen].sort()).toEqual(['bad_signature', 'malformed', 'not_a_bundle', 'tampered', 'unsupported_version'].sort());
    nothingWritten(dst);
  });

  test('truncated, extended, wrong magic and oversized files are refused with a clear reason', async () => {
    const cases: [Buffer, RegExp][] = [
      [file.subarray(0, 5), /not a Sitrep review bundle/],
      [file.subarray(0, 12), /truncated: it ends inside its first 14 bytes/],
      [file.subarray(0, 200), /truncated: it ends inside its header/],
      [file.subarray(0, file.length - 1), /truncated: \d+ of \d+ bytes/],
      [Buffer.concat([file, Buffer.from('x')]), /1 unexpected bytes after its signature/],
      [Buffer.from('{"sitrep":1,"events":[]}'), /not a Sitrep review bundle/],
    ];
    for (const [bytes, why] of cases) {
      const { report } = await inspect(bytes, { operators: [] });
      expect(report.intact).toBe(false);
      expect(report.problem).toMatch(why);
    }
    const big = await inspect(file, { operators: [], maxBytes: 1000 });
    expect(big.report).toMatchObject({ intact: false, problemCode: 'too_large' });
  });

  test('a header edited and re-signed by someone else verifies as theirs, never as the named operator', async () => {
    const { header, ciphertext } = unframe(file);
    const mallory = makeExporter('mallory');
    const forged = frame({ ...header, exporter: { ...header.exporter, publicKey: mallory.exporter.publicKey } }, ciphertext, (s) => signBundle(s, mallory.exporter.signingKey));
    const { report } = await inspect(forged, { operators: [src.operator] });
    expect(report.intact).toBe(true);
    expect(report.exporter).toMatchObject({ name: 'ana', trust: 'name_conflict' });
    expect(report.warnings[0]).toMatch(/is NOT that operator/);
    // The content key is bound to the header (GCM additional data): the old ciphertext no longer opens under it.
    const opened = await inspect(forged, { operators: [src.operator], opener: { passphrase: BUNDLE_PASSPHRASE } });
    expect(opened.report.decrypted).toBe(false);
    expect(headerBytes(header).length).toBeLessThan(4096);
  });

  test('a journal that does not verify stops the export; a locked one is said to be left out; weak passphrases and foreign keys are refused', async () => {
    const lockedOut = await exportBundle(src.store, src.incidentId, { journal: { journal: null, reason: 'the journal was locked', actor: 'ana' }, exporter: src.exporter, sealing: { passphrase: BUNDLE_PASSPHRASE }, sitrepVersion: '0.1.0', now: NOW });
    expect(lockedOut.journalNote).toBe('the journal was locked');
    expect(lockedOut.counts.journalEntries).toBe(0);
    await expect(
      exportBundle(src.store, src.incidentId, { journal: { journal: null, actor: 'ana' }, exporter: src.exporter, sealing: { passphrase: 'short' }, sitrepVersion: '0.1.0', now: NOW }),
    ).rejects.toThrow(/at least 12 characters/);
    await expect(
      exportBundle(src.store, src.incidentId, { journal: { journal: null, actor: 'ana' }, exporter: { ...src.exporter, publicKey: makeExporter().exporter.publicKey }, sealing: { passphrase: BUNDLE_PASSPHRASE }, sitrepVersion: '0.1.0', now: NOW }),
    ).rejects.toThrow(/not ana's registered key/);

    const other = await makeSource(1_000);
    dirs.push(other.dir);
    stores.push(other.store);
    other.journal.close();
    tamper(join(other.dir, 'journal.db'), (db) => db.prepare('UPDATE entries SET actor = ? WHERE seq = 3').run('eve'));
    const reopened = await openJournal(join(other.dir, 'journal.db'), { passphrase: () => Promise.resolve(JOURNAL_PASSPHRASE) });
    try {
      await expect(
        exportBundle(other.store, other.incidentId, { journal: { journal: reopened, actor: 'ana' }, exporter: other.exporter, sealing: { passphrase: BUNDLE_PASSPHRASE }, sitrepVersion: '0.1.0', now: NOW }),
      ).rejects.toThrow(/The journal does not verify \(entry #3: .*\): export without the journal/);
    } finally {
      reopened.close();
    }
  });
});
