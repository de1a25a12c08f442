/**
 * The shapes inside a review bundle: the signed clear header, and the records (one JSON object a
 * line) of the encrypted payload. Everything read from a file is parsed with these before use.
 * The layout of the file itself is in ./format.ts; docs/decisions/013-review-bundles.md has both.
 */
import { z } from 'zod';
import { EventInput } from '../../shared/events';
import { AnalysisResult } from '../../shared/hypotheses';
import { Incident } from '../../shared/incident';
import { MetricLaneId } from '../../shared/lanes';
import { Checkpoint } from '../journal/checkpoint';

const epochMs = z.number().int().min(0).max(8_640_000_000_000);
const Digest = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hex digest');
const base64 = (minChars: number, maxChars: number) =>
  z
    .string()
    .min(minChars)
    .max(maxChars)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64');

/** Payload records, in this order; each section's line count and SHA-256 are in the signed header. */
export const SECTIONS = ['incident', 'event', 'series', 'points', 'analysis', 'journal', 'entry'] as const;
export type SectionName = (typeof SECTIONS)[number];

export const SectionDigest = z.object({ count: z.number().int().min(0), sha256: Digest }).strict();
export type SectionDigest = z.infer<typeof SectionDigest>;

/** scrypt bounds a reader accepts: at most 256 MiB of scrypt memory (128·N·r bytes), whatever a file asks. */
const MAX_SCRYPT_NR = 2 ** 21;

export const PassphraseEncryption = z
  .object({
    kind: z.literal('passphrase'),
    kdf: z.literal('scrypt'),
    N: z
      .number()
      .int()
      .min(2 ** 14)
      .max(2 ** 18)
      .refine((n) => (n & (n - 1)) === 0, 'a power of two'),
    r: z.number().int().min(8).max(16),
    p: z.number().int().min(1).max(4),
    salt: base64(20, 64),
  })
  .strict()
  .refine((e) => e.N * e.r <= MAX_SCRYPT_NR, { message: 'scrypt parameters above the reader limit', path: ['N'] });

export const RecipientEncryption = z
  .object({
    kind: z.literal('recipient'),
    scheme: z.literal('x25519-hkdf-sha256'),
    /** The sender's one-time X25519 public key (SPKI DER, base64). */
    ephemeralPublicKey: base64(40, 100),
    /** Fingerprint of the recipient's public key (see keyFingerprint), so a reader can say which key is needed. */
    recipient: z.string().regex(/^[0-9a-f]{4}(:[0-9a-f]{4}){3}$/),
  })
  .strict();

export const BundleHeader = z
  .object({
    format: z.literal('sitrep-review-bundle'),
    version: z.literal(1),
    createdAt: epochMs,
    sitrepVersion: z.string().min(1).max(64),
    exporter: z
      .object({
        id: z.string().min(1).max(64),
        name: z.string().min(1).max(64),
        /** Ed25519, SPKI DER, base64: the key that signed this file. */
        publicKey: base64(40, 200),
      })
      .strict(),
    incident: z.object({ id: z.string().min(1).max(128) }).strict(),
    encryption: z.union([PassphraseEncryption, RecipientEncryption]),
    cipher: z.object({ name: z.literal('aes-256-gcm'), nonce: base64(16, 16) }).strict(),
    payload: z
      .object({
        compression: z.literal('gzip'),
        /** Ciphertext bytes, the 16-byte GCM tag included. */
        bytes: z.number().int().min(16),
        /** Bytes of the decompressed payload (JSON Lines). */
        plainBytes: z.number().int().min(0),
        /** SHA-256 of the ciphertext and tag, so the signature covers them without the passphrase. */
        sha256: Digest,
      })
      .strict(),
    contents: z.object(Object.fromEntries(SECTIONS.map((s) => [s, SectionDigest])) as Record<SectionName, typeof SectionDigest>).strict(),
  })
  .strict();
export type BundleHeader = z.infer<typeof BundleHeader>;

const Id = z.number().int().min(1);

export const IncidentLine = z
  .object({
    t: z.literal('incident'),
    incident: Incident,
    exportedAt: epochMs,
    /** Events and points were taken from this window, and changes / logs from the lead-up the engine reads. */
    window: z.object({ from: epochMs, to: epochMs }).strict(),
    context: z.object({ changesFrom: epochMs, logsFrom: epochMs }).strict(),
  })
  .strict();

export const EventLine = z.object({ t: z.literal('event'), id: Id, e: EventInput }).strict();

export const SeriesLine = z
  .object({
    t: z.literal('series'),
    id: Id,
    name: z.string().min(1).max(256),
    labels: z.record(z.string().max(256), z.string().max(1024)),
    lane: MetricLaneId,
    unit: z.string().max(512).nullable(),
  })
  .strict();

export const POINTS_PER_LINE = 5_000;
export const PointsLine = z
  .object({ t: z.literal('points'), s: Id, p: z.array(z.tuple([epochMs, z.number()])).min(1).max(POINTS_PER_LINE) })
  .strict();

export const DecisionRecord = z
  .object({
    hypothesisId: z.string().min(1).max(64),
    decision: z.enum(['accepted', 'rejected', 'proposed']),
    reason: z.string().max(1000).nullable(),
    actor: z.string().min(1).max(200),
    decidedAt: epochMs,
  })
  .strict();
export type DecisionRecord = z.infer<typeof DecisionRecord>;

export const AnalysisLine = z.object({ t: z.literal('analysis'), result: AnalysisResult, decisions: z.array(DecisionRecord).max(10_000) }).strict();

export const JournalLine = z
  .object({
    t: z.literal('journal'),
    included: z.boolean(),
    /** Why the journal is not included, or what to know about it. */
    note: z.string().max(1024).nullable(),
    journalId: z.string().min(1).max(64).nullable(),
    /** The journal's own Ed25519 key (SPKI DER, base64), which signs its checkpoints. */
    publicKey: z.string().min(40).max(200).nullable(),
    /** Signed at export over the journal's head: it covers every entry below. */
    checkpoint: Checkpoint.nullable(),
  })
  .strict();

export const EntryLine = z
  .object({
    t: z.literal('entry'),
    seq: z.number().int().min(1),
    ts: epochMs,
    kind: z.string().min(1).max(64),
    actor: z.string().min(1).max(256),
    hash: Digest,
    prevHash: Digest,
    payload: z.json(),
  })
  .strict();

export type IncidentLine = z.infer<typeof IncidentLine>;
export type EventLine = z.infer<typeof EventLine>;
export type SeriesLine = z.infer<typeof SeriesLine>;
export type PointsLine = z.infer<typeof PointsLine>;
export type AnalysisLine = z.infer<typeof AnalysisLine>;
export type JournalLine = z.infer<typeof JournalLine>;
export type EntryLine = z.infer<typeof EntryLine>;

export const LINE_SCHEMAS = {
  incident: IncidentLine,
  event: EventLine,
  series: SeriesLine,
  points: PointsLine,
  analysis: AnalysisLine,
  journal: JournalLine,
  entry: EntryLine,
} as const satisfies Record<SectionName, z.ZodType>;
