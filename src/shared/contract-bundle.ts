/**
 * Contract channels of offline review bundles (declared here, spread into ./contract.ts): export
 * an incident as one encrypted, signed file; upload a bundle's bytes in chunks (a request body is
 * at most 1 MiB), inspect it (structure and signature without a passphrase; every content hash
 * with one) and open it as a read-only review copy; read the bundle's own journal entries.
 *
 * Secrets (the bundle passphrase, a recipient key's passphrase) travel in the input like the
 * journal's passphrase does and are never in an output. Exporting signs with the signed-in
 * operator's key, released for one signature by a step-up (`auth.stepUp` → `grantId`).
 */
import { z } from 'zod';

const Empty = z.object({}).strict();
const epochMs = z.number().int().min(0).max(8_640_000_000_000);
const IncidentId = z.string().min(1).max(128);
const Secret = z.string().min(1).max(1024);
const Digest = z.string().regex(/^[0-9a-f]{64}$/);

/** A bundle over this size cannot go through the app (the CLI takes up to 512 MiB). */
export const MAX_APP_BUNDLE_BYTES = 256 * 1024 * 1024;
/** Bytes of one upload chunk (its base64 stays well under the 1 MiB request limit). */
export const UPLOAD_CHUNK_BYTES = 512 * 1024;

export const UploadId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '8–64 letters, digits, _ or -');

/** What opens a bundle: its passphrase, or a recipient key file (PKCS#8 PEM) and that file's passphrase. */
export const BundleOpener = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('passphrase'), passphrase: Secret }).strict(),
  z.object({ kind: z.literal('key'), pem: z.string().min(1).max(16_384), passphrase: Secret }).strict(),
]);
export type BundleOpener = z.infer<typeof BundleOpener>;

export const BundleSealing = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('passphrase'), passphrase: z.string().min(12, 'at least 12 characters: the file leaves this machine').max(1024) }).strict(),
  /** The recipient's `.pub` file, as text (from `sitrep bundle keygen`). */
  z.object({ kind: z.literal('recipient'), publicKeyFile: z.string().min(1).max(4096) }).strict(),
]);
export type BundleSealing = z.infer<typeof BundleSealing>;

/** Whether this profile knows the key that signed a bundle. */
export const ExporterTrust = z.enum(['known', 'unknown', 'name_conflict']);
export type ExporterTrust = z.infer<typeof ExporterTrust>;

export const BundleExporter = z.object({
  id: z.string(),
  /** The name the file gives; only trustworthy when `trust` is `known`. */
  name: z.string(),
  fingerprint: z.string(),
  /** known: an operator of this profile holds this very key; unknown: self-asserted; name_conflict: a local operator of that name has another key. */
  trust: ExporterTrust,
  /** The local operator holding this key (known) or bearing this name (name_conflict). */
  localName: z.string().nullable(),
  localDisabled: z.boolean(),
});
export type BundleExporter = z.infer<typeof BundleExporter>;

export const BundleCheck = z.object({ name: z.string().max(64), ok: z.boolean(), detail: z.string().max(1024) });
export type BundleCheck = z.infer<typeof BundleCheck>;

export const BundleReport = z.object({
  /** Structure, signature and ciphertext hash (and, once decrypted, every content hash) check out. */
  intact: z.boolean(),
  /** The contents were decrypted and every content hash checked. */
  decrypted: z.boolean(),
  /** Why the file (or the passphrase) was refused; null when nothing was. */
  problem: z.string().max(2048).nullable(),
  problemCode: z.string().max(32).nullable(),
  fileBytes: z.number().int().min(0),
  sha256: Digest,
  exporter: BundleExporter.nullable(),
  exportedAt: epochMs.nullable(),
  sitrepVersion: z.string().max(64).nullable(),
  incidentId: z.string().max(128).nullable(),
  encryption: z.object({ kind: z.enum(['passphrase', 'recipient']), recipient: z.string().nullable() }).nullable(),
  counts: z
    .object({
      events: z.number().int().min(0),
      series: z.number().int().min(0),
      /** Known once decrypted. */
      points: z.number().int().min(0).nullable(),
      analyses: z.number().int().min(0),
      journalEntries: z.number().int().min(0),
    })
    .nullable(),
  /** Known once decrypted. */
  incident: z
    .object({ title: z.string(), severity: z.string(), status: z.string(), windowFrom: epochMs, windowTo: epochMs, services: z.array(z.string()) })
    .nullable(),
  journal: z
    .object({
      included: z.boolean(),
      note: z.string().nullable(),
      entries: z.number().int().min(0),
      checkpoint: z.object({ seq: z.number().int().min(0), createdAt: epochMs, valid: z.boolean(), keyFingerprint: z.string() }).nullable(),
    })
    .nullable(),
  checks: z.array(BundleCheck).max(32),
  /** The incident id in this store: the one it will get (inspect) or got (open). */
  openAs: z.string().max(160).nullable(),
  /** This very bundle is already open in this store, as this incident. */
  alreadyOpenAs: z.string().max(160).nullable(),
  warnings: z.array(z.string().max(1024)).max(16),
});
export type BundleReport = z.infer<typeof BundleReport>;

export const BundleExportResult = z.object({
  fileName: z.string().max(200),
  /** The file, base64. */
  bytes: z.string().max(Math.ceil(MAX_APP_BUNDLE_BYTES / 3) * 4),
  size: z.number().int().min(0),
  sha256: Digest,
  exporter: z.object({ name: z.string(), fingerprint: z.string() }),
  encryption: z.enum(['passphrase', 'recipient']),
  counts: z.object({ events: z.number().int(), series: z.number().int(), analyses: z.number().int(), journalEntries: z.number().int() }),
  /** Why the journal is not in the file, when it is not. */
  journalNote: z.string().nullable(),
});
export type BundleExportResult = z.infer<typeof BundleExportResult>;

export const BundleJournalEntry = z.object({
  seq: z.number().int().min(1),
  ts: epochMs,
  kind: z.string(),
  actor: z.string(),
  hash: z.string(),
  prevHash: z.string(),
  summary: z.string().max(400),
  /** Indented JSON, cut at 16 KiB. */
  payload: z.string(),
  /** Linked to the entry before it in this list (consecutive numbers and matching hashes). */
  linked: z.boolean(),
});
export type BundleJournalEntry = z.infer<typeof BundleJournalEntry>;

export const BundleJournal = z.object({
  incidentId: z.string(),
  included: z.boolean(),
  note: z.string().nullable(),
  journalId: z.string().nullable(),
  checkpoint: z.object({ seq: z.number().int(), createdAt: epochMs, valid: z.boolean(), keyFingerprint: z.string() }).nullable(),
  entries: z.array(BundleJournalEntry).max(10_000),
});
export type BundleJournal = z.infer<typeof BundleJournal>;

export const bundleChannels = {
  /** Operator, signed in as commander or approver, with a fresh step-up: the file's bytes (base64). */
  'bundle.export': {
    input: z.object({ incidentId: IncidentId, sealing: BundleSealing, grantId: z.string().min(1).max(64), includeJournal: z.boolean() }).strict(),
    output: BundleExportResult,
  },
  /** One chunk of a bundle's bytes, in order (offset = bytes received so far); the first one names the total. */
  'bundle.upload': {
    input: z
      .object({
        uploadId: UploadId,
        offset: z.number().int().min(0).max(MAX_APP_BUNDLE_BYTES),
        total: z.number().int().min(1).max(MAX_APP_BUNDLE_BYTES),
        data: z
          .string()
          .min(4)
          .max(Math.ceil(UPLOAD_CHUNK_BYTES / 3) * 4)
          .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64'),
      })
      .strict(),
    output: z.object({ uploadId: z.string(), received: z.number().int(), total: z.number().int() }),
  },
  /** Checks an uploaded bundle: without an opener, structure and signature; with one, every content hash too. Writes nothing. */
  'bundle.inspect': { input: z.object({ uploadId: UploadId, opener: BundleOpener.optional() }).strict(), output: BundleReport },
  /** Verifies, decrypts and imports the bundle as a read-only review copy; refused (nothing written) unless intact. */
  'bundle.open': { input: z.object({ uploadId: UploadId, opener: BundleOpener }).strict(), output: z.object({ incidentId: z.string(), report: BundleReport }) },
  /** Forgets an upload. */
  'bundle.discard': { input: z.object({ uploadId: UploadId }).strict(), output: Empty },
  /** The journal entries a review copy came with (the bundle's, never the local journal's). */
  'bundle.journal': { input: z.object({ incidentId: IncidentId }).strict(), output: BundleJournal },
} as const;
