/**
 * Reading a bundle, in two steps. `verifyFile` needs no secret: framing, the header's shape and
 * limits, the ciphertext's hash against the header, the exporter's Ed25519 signature over the
 * header. `decryptFile` then derives the content key, decrypts (the GCM tag), decompresses within
 * the declared size and parses every record, checking each section's count and SHA-256 against
 * the signed header, and the journal's checkpoint and chain links. Either throws a BundleError;
 * neither writes anything.
 */
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { createHash, type Hash } from 'node:crypto';
import type { z } from 'zod';
import type { BundleExporter } from '../../shared/contract-bundle';
import type { OperatorPublic } from '../auth/operators-doc';
import { checkpointSignatureValid } from '../journal/checkpoint';
import { checkPayload, JournalKind } from '../journal/kinds';
import { contentKey, decrypt, keyFingerprint, sha256Hex, signatureValid, type Opener } from './crypto';
import { BundleError } from './errors';
import { gcmAad, MAX_BUNDLE_BYTES, MAX_PLAIN_BYTES, unframe, type Framed } from './format';
import { LINE_SCHEMAS, SECTIONS, type AnalysisLine, type BundleHeader, type EntryLine, type IncidentLine, type JournalLine, type SectionName, type SeriesLine } from './schema';

const gunzipAsync = promisify(gunzip);

/** Records a reader accepts per section (events and points are streamed, the rest kept in memory). */
export const MAX_RECORDS: Record<SectionName, number> = {
  incident: 1,
  event: 10_000_000,
  series: 100_000,
  points: 10_000_000,
  analysis: 1_000,
  journal: 1,
  entry: 10_000,
};
const MAX_LINE_BYTES = 32 * 1024 * 1024;

export interface Verified {
  framed: Framed;
  header: BundleHeader;
  fileBytes: number;
  sha256: string;
}

/** Who signed, and whether this profile knows that key (by the exact key, never by the name). */
export function exporterTrust(header: BundleHeader, operators: readonly OperatorPublic[]): BundleExporter {
  const e = header.exporter;
  const base = { id: e.id, name: e.name, fingerprint: keyFingerprint(e.publicKey) };
  const byKey = operators.find((o) => o.publicKey === e.publicKey);
  if (byKey) return { ...base, trust: 'known', localName: byKey.name, localDisabled: byKey.disabled };
  const byName = operators.find((o) => o.name.toLowerCase() === e.name.toLowerCase() || o.id === e.id);
  if (byName) return { ...base, trust: 'name_conflict', localName: byName.name, localDisabled: byName.disabled };
  return { ...base, trust: 'unknown', localName: null, localDisabled: false };
}

export function verifyFile(file: Uint8Array, maxBytes = MAX_BUNDLE_BYTES): Verified {
  const framed = unframe(file, maxBytes);
  const h = framed.header;
  if (sha256Hex(framed.ciphertext) !== h.payload.sha256) {
    throw new BundleError('tampered', 'The encrypted contents were modified: their SHA-256 does not match the signed header');
  }
  if (!signatureValid(framed.signed, framed.signature, h.exporter.publicKey)) {
    throw new BundleError('bad_signature', `The signature does not verify with the key the file names (${keyFingerprint(h.exporter.publicKey)}): the header was modified after signing`);
  }
  if (h.payload.plainBytes > MAX_PLAIN_BYTES) throw new BundleError('too_large', `The contents are ${h.payload.plainBytes} bytes once decompressed, over the ${MAX_PLAIN_BYTES}-byte limit`);
  for (const s of SECTIONS) {
    if (h.contents[s].count > MAX_RECORDS[s]) throw new BundleError('too_large', `The bundle holds ${h.contents[s].count} ${s} records, over the limit of ${MAX_RECORDS[s]}`);
  }
  return { framed, header: h, fileBytes: file.byteLength, sha256: sha256Hex(file) };
}

export interface JournalCheck {
  checkpointValid: boolean;
  /** Entries whose predecessor (seq - 1) is also in the bundle and whose prevHash matches it. */
  linked: Set<number>;
}

export interface Decrypted {
  verified: Verified;
  plain: Buffer;
  incident: IncidentLine;
  series: SeriesLine[];
  analyses: AnalysisLine[];
  journal: JournalLine;
  entries: EntryLine[];
  journalCheck: JournalCheck;
  events: number;
  points: number;
  /** Event ids the analyses' evidence cites (remapped on import). */
  citedEvents: Set<number>;
}

export interface RawRecord {
  t: SectionName;
  line: Buffer;
}

/** The payload's lines, with their section, in order; throws on a line that is not a record. */
export function* records(plain: Buffer): Generator<RawRecord & { value: unknown }> {
  let pos = 0;
  let n = 0;
  while (pos < plain.length) {
    let end = plain.indexOf(10, pos);
    if (end === -1) throw new BundleError('invalid_content', `Record ${n + 1} of the contents does not end with a newline`);
    end += 1;
    if (end - pos > MAX_LINE_BYTES) throw new BundleError('too_large', `Record ${n + 1} of the contents is over ${MAX_LINE_BYTES} bytes`);
    const line = plain.subarray(pos, end);
    let value: unknown;
    try {
      value = JSON.parse(line.toString('utf8'));
    } catch {
      throw new BundleError('invalid_content', `Record ${n + 1} of the contents is not JSON`);
    }
    const t = (value as { t?: unknown } | null)?.t;
    if (typeof t !== 'string' || !(SECTIONS as readonly string[]).includes(t)) throw new BundleError('invalid_content', `Record ${n + 1} of the contents has no known type`);
    n += 1;
    yield { t: t as SectionName, line, value };
    pos = end;
  }
}

function parseRecord<S extends SectionName>(t: S, value: unknown, n: number): z.infer<(typeof LINE_SCHEMAS)[S]> {
  const r = (LINE_SCHEMAS[t] as z.ZodType).safeParse(value);
  if (!r.success) {
    const first = r.error.issues[0];
    throw new BundleError('invalid_content', `The ${t} record ${n} is not valid (${first ? `${first.path.map(String).join('.') || '(root)'}: ${first.message}` : 'invalid'})`);
  }
  return r.data as z.infer<(typeof LINE_SCHEMAS)[S]>;
}

function checkJournal(journal: JournalLine, entries: readonly EntryLine[]): JournalCheck {
  const linked = new Set<number>();
  if (!journal.included) {
    if (entries.length > 0) throw new BundleError('invalid_content', 'The bundle says its journal is not included, yet it holds journal entries');
    return { checkpointValid: false, linked };
  }
  const cp = journal.checkpoint;
  if (cp === null || journal.journalId === null || journal.publicKey === null) throw new BundleError('invalid_content', 'The bundle includes journal entries without the journal id, key and checkpoint');
  if (cp.journalId !== journal.journalId || cp.publicKey !== journal.publicKey) throw new BundleError('invalid_content', "The journal checkpoint belongs to another journal than the bundle's entries");
  const checkpointValid = checkpointSignatureValid(cp);
  if (!checkpointValid) throw new BundleError('invalid_content', "The journal checkpoint's signature does not verify with the journal's key");
  let prev: EntryLine | null = null;
  for (const e of entries) {
    if (prev !== null && e.seq <= prev.seq) throw new BundleError('invalid_content', `Journal entry #${e.seq} is out of order`);
    if (e.seq > cp.seq) throw new BundleError('invalid_content', `Journal entry #${e.seq} is past the checkpoint (#${cp.seq}) that should cover it`);
    const kind = JournalKind.safeParse(e.kind);
    if (!kind.success) throw new BundleError('invalid_content', `Journal entry #${e.seq} has an unknown kind ${e.kind.slice(0, 64)}`);
    const payload = checkPayload(kind.data, e.payload);
    if (!payload.ok) throw new BundleError('invalid_content', `Journal entry #${e.seq}: ${payload.message}`);
    if (prev !== null && e.seq === prev.seq + 1) {
      if (e.prevHash !== prev.hash) throw new BundleError('invalid_content', `Journal entry #${e.seq} does not link to entry #${prev.seq} before it`);
      linked.add(e.seq);
    }
    if (e.seq === cp.seq && e.hash !== cp.hash) throw new BundleError('invalid_content', `Journal entry #${e.seq} does not match the checkpoint's hash`);
    prev = e;
  }
  return { checkpointValid, linked };
}

export async function decryptFile(verified: Verified, opener: Opener): Promise<Decrypted> {
  const { header, framed } = verified;
  const key = await contentKey(header.encryption, opener);
  const compressed = decrypt(key, Buffer.from(header.cipher.nonce, 'base64'), framed.ciphertext, gcmAad(header));
  if (compressed === null) {
    // The ciphertext's hash and the signature already passed: what remains is the secret.
    throw header.encryption.kind === 'passphrase'
      ? new BundleError('wrong_passphrase', 'Wrong passphrase (the file itself is intact: its signature and hash check out)')
      : new BundleError('wrong_key', 'The key does not open this bundle (the file itself is intact)');
  }
  let plain: Buffer;
  try {
    plain = await gunzipAsync(compressed, { maxOutputLength: Math.max(1, header.payload.plainBytes) });
  } catch {
    throw new BundleError('invalid_content', `The contents do not decompress to the ${header.payload.plainBytes} bytes the header declares`);
  }
  if (plain.length !== header.payload.plainBytes) throw new BundleError('invalid_content', `The contents are ${plain.length} bytes, not the ${header.payload.plainBytes} the header declares`);

  const hashes = new Map<SectionName, Hash>(SECTIONS.map((s) => [s, createHash('sha256')]));
  const counts = new Map<SectionName, number>(SECTIONS.map((s) => [s, 0]));
  let section = 0;
  let incident: IncidentLine | null = null;
  let journal: JournalLine | null = null;
  const series: SeriesLine[] = [];
  const seriesIds = new Set<number>();
  const analyses: AnalysisLine[] = [];
  const entries: EntryLine[] = [];
  let points = 0;
  for (const r of records(plain)) {
    const at = SECTIONS.indexOf(r.t);
    if (at < section) throw new BundleError('invalid_content', `A ${r.t} record comes after the ${SECTIONS[section] ?? ''} records: the contents are out of order`);
    section = at;
    const n = (counts.get(r.t) ?? 0) + 1;
    if (n > MAX_RECORDS[r.t]) throw new BundleError('too_large', `More than ${MAX_RECORDS[r.t]} ${r.t} records`);
    counts.set(r.t, n);
    hashes.get(r.t)?.update(r.line);
    switch (r.t) {
      case 'incident':
        incident = parseRecord('incident', r.value, n);
        break;
      case 'event':
        parseRecord('event', r.value, n);
        break;
      case 'series': {
        const s = parseRecord('series', r.value, n);
        if (seriesIds.has(s.id)) throw new BundleError('invalid_content', `Series ${s.id} appears twice`);
        seriesIds.add(s.id);
        series.push(s);
        break;
      }
      case 'points': {
        const p = parseRecord('points', r.value, n);
        if (!seriesIds.has(p.s)) throw new BundleError('invalid_content', `Points of series ${p.s}, which the bundle does not declare`);
        points += p.p.length;
        break;
      }
      case 'analysis':
        analyses.push(parseRecord('analysis', r.value, n));
        break;
      case 'journal':
        journal = parseRecord('journal', r.value, n);
        break;
      case 'entry':
        entries.push(parseRecord('entry', r.value, n));
        break;
    }
  }
  for (const s of SECTIONS) {
    const want = header.contents[s];
    const count = counts.get(s) ?? 0;
    const digest = hashes.get(s)?.digest('hex') ?? '';
    if (count !== want.count || digest !== want.sha256) {
      throw new BundleError('tampered', `The ${s} records do not match the signed header (${count} records, SHA-256 ${digest.slice(0, 12)}…; signed: ${want.count}, ${want.sha256.slice(0, 12)}…)`);
    }
  }
  if (incident === null || journal === null) throw new BundleError('invalid_content', 'The contents lack the incident or the journal record');
  if (incident.incident.id !== header.incident.id) throw new BundleError('invalid_content', `The contents are of incident ${incident.incident.id}, the header says ${header.incident.id}`);
  const citedEvents = new Set<number>();
  for (const a of analyses) {
    if (a.result.incidentId !== incident.incident.id) throw new BundleError('invalid_content', `Analysis ${a.result.id} is of another incident (${a.result.incidentId ?? 'none'})`);
    for (const ev of a.result.evidence) for (const id of ev.eventIds) citedEvents.add(id);
  }
  const journalCheck = checkJournal(journal, entries);
  return { verified, plain, incident, series, analyses, journal, entries, journalCheck, events: counts.get('event') ?? 0, points, citedEvents };
}
