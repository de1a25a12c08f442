/**
 * The report a person reads before trusting a bundle: each check that ran and what it found, who
 * exported it and whether this profile knows that key, what it holds. Built by `inspect`, which
 * turns every BundleError into a refused report instead of throwing.
 */
import type { BundleCheck, BundleReport } from '../../shared/contract-bundle';
import type { OperatorPublic } from '../auth/operators-doc';
import { keyFingerprint, sha256Hex, type Opener } from './crypto';
import { BundleError } from './errors';
import { MAX_BUNDLE_BYTES } from './format';
import { decryptFile, exporterTrust, verifyFile, type Decrypted, type Verified } from './read';

export interface Inspected {
  report: BundleReport;
  verified: Verified | null;
  decrypted: Decrypted | null;
}

export interface InspectOptions {
  opener?: Opener;
  operators: readonly OperatorPublic[];
  maxBytes?: number;
}

const WHICH_CHECK: Record<string, string> = {
  not_a_bundle: 'structure',
  unsupported_version: 'structure',
  too_large: 'structure',
  truncated: 'structure',
  malformed: 'structure',
  tampered: 'ciphertext hash',
  bad_signature: 'signature',
  wrong_passphrase: 'decryption',
  wrong_key: 'decryption',
  needs_key: 'decryption',
  invalid_content: 'content hashes',
};

function counts(v: Verified, d: Decrypted | null): BundleReport['counts'] {
  const c = v.header.contents;
  return { events: c.event.count, series: c.series.count, points: d?.points ?? null, analyses: c.analysis.count, journalEntries: c.entry.count };
}

function fromVerified(v: Verified, operators: readonly OperatorPublic[]): Pick<BundleReport, 'exporter' | 'exportedAt' | 'sitrepVersion' | 'incidentId' | 'encryption'> {
  const h = v.header;
  return {
    exporter: exporterTrust(h, operators),
    exportedAt: h.createdAt,
    sitrepVersion: h.sitrepVersion,
    incidentId: h.incident.id,
    encryption: { kind: h.encryption.kind, recipient: h.encryption.kind === 'recipient' ? h.encryption.recipient : null },
  };
}

function trustWarning(r: BundleReport): string | null {
  const e = r.exporter;
  if (!e) return null;
  if (e.trust === 'unknown') return `The signing key ${e.fingerprint} is not one of this profile's operators: "${e.name}" is only what the file says. Compare the fingerprint with the exporter.`;
  if (e.trust === 'name_conflict') return `A local operator is called "${e.localName ?? e.name}" but holds another key: this file's "${e.name}" (key ${e.fingerprint}) is NOT that operator.`;
  if (e.localDisabled) return `The key belongs to ${e.localName ?? e.name}, who is disabled in this profile.`;
  return null;
}

export async function inspect(file: Uint8Array, opts: InspectOptions): Promise<Inspected> {
  const checks: BundleCheck[] = [];
  const base: BundleReport = {
    intact: false,
    decrypted: false,
    problem: null,
    problemCode: null,
    fileBytes: file.byteLength,
    sha256: sha256Hex(file),
    exporter: null,
    exportedAt: null,
    sitrepVersion: null,
    incidentId: null,
    encryption: null,
    counts: null,
    incident: null,
    journal: null,
    checks,
    openAs: null,
    alreadyOpenAs: null,
    warnings: [],
  };
  let verified: Verified | null = null;
  let decrypted: Decrypted | null = null;
  try {
    verified = verifyFile(file, opts.maxBytes ?? MAX_BUNDLE_BYTES);
    Object.assign(base, fromVerified(verified, opts.operators), { counts: counts(verified, null) });
    checks.push(
      { name: 'structure', ok: true, detail: `Sitrep review bundle, format 1, ${file.byteLength} bytes` },
      { name: 'ciphertext hash', ok: true, detail: 'the SHA-256 of the encrypted contents matches the signed header' },
      { name: 'signature', ok: true, detail: `Ed25519 signature by key ${keyFingerprint(verified.header.exporter.publicKey)} verifies over the header` },
    );
    base.intact = true;
    if (opts.opener) {
      decrypted = await decryptFile(verified, opts.opener);
      const h = verified.header;
      checks.push(
        { name: 'decryption', ok: true, detail: `AES-256-GCM tag verifies (${h.encryption.kind === 'passphrase' ? 'passphrase, scrypt' : `recipient key ${h.encryption.recipient}`})` },
        { name: 'content hashes', ok: true, detail: `every section's record count and SHA-256 match the signed header (${decrypted.events} events, ${decrypted.points} points, ${decrypted.analyses.length} analyses, ${decrypted.entries.length} journal entries)` },
      );
      const j = decrypted.journal;
      if (j.included && j.checkpoint) {
        const linked = decrypted.journalCheck.linked.size;
        checks.push({
          name: 'journal checkpoint',
          ok: decrypted.journalCheck.checkpointValid,
          detail: `checkpoint of #${j.checkpoint.seq} signed by the journal's key ${keyFingerprint(j.checkpoint.publicKey)} verifies and covers all ${decrypted.entries.length} entries (${linked} linked to the entry before them)`,
        });
      }
      const inc = decrypted.incident.incident;
      base.decrypted = true;
      base.counts = counts(verified, decrypted);
      base.incident = { title: inc.title, severity: inc.severity, status: inc.status, windowFrom: inc.windowFrom, windowTo: inc.windowTo, services: inc.services };
      base.journal = {
        included: j.included,
        note: j.note,
        entries: decrypted.entries.length,
        checkpoint: j.checkpoint ? { seq: j.checkpoint.seq, createdAt: j.checkpoint.createdAt, valid: decrypted.journalCheck.checkpointValid, keyFingerprint: keyFingerprint(j.checkpoint.publicKey) } : null,
      };
      if (!j.included) base.warnings.push(`The bundle carries no journal entries: ${j.note ?? 'left out at export'}.`);
    }
  } catch (err) {
    if (!(err instanceof BundleError)) throw err;
    const name = WHICH_CHECK[err.code] ?? 'structure';
    checks.push({ name, ok: false, detail: err.message });
    const secretOnly = err.code === 'wrong_passphrase' || err.code === 'wrong_key' || err.code === 'needs_key';
    // A wrong secret says nothing about the file: it stays intact. Anything else refuses it.
    base.intact = secretOnly && verified !== null;
    base.problem = err.message;
    base.problemCode = err.code;
    decrypted = null;
  }
  const w = trustWarning(base);
  if (w) base.warnings.unshift(w);
  return { report: base, verified, decrypted };
}
