/**
 * Offline review bundles (decision 013): one file holding an incident's events, metrics,
 * analyses and journal entries, encrypted (passphrase or a recipient's key), signed by the
 * exporting operator, verifiable without the secret and opened elsewhere as a read-only review
 * copy. The file format is in ./format.ts and ./schema.ts.
 */
import type { BundleReport } from '../../shared/contract-bundle';
import type { OperatorPublic } from '../auth/operators-doc';
import type { EventStore } from '../store/api';
import { collect, type JournalSource } from './collect';
import { keyFingerprint, type Opener } from './crypto';
import { eventsInWindow, importReview, type Imported } from './import';
import { inspect } from './report';
import { openedFrom, reviewIdFor } from './review';
import { writeBundle, type Exporter, type Sealing, type Written } from './write';

export { BundleError } from './errors';
export { assertAnalysisNotReviewCopy, assertNotReviewCopy, isReviewCopy, reviewJournal, reviewProvenance, withProvenance } from './review';
export { generateRecipientKey, parseRecipientPublic, privateKeyFromPem, readRecipientPrivate, readRecipientPublic } from './keys';
export { keyFingerprint, MIN_PASSPHRASE, type Opener } from './crypto';
export { inspect, type Inspected } from './report';
export type { Exporter, Sealing, Written } from './write';
export type { JournalSource } from './collect';
export type { Imported } from './import';

export interface ExportOptions {
  journal: JournalSource;
  exporter: Exporter;
  sealing: Sealing;
  sitrepVersion: string;
  now: number;
  maxPlainBytes?: number;
}

export interface Exported {
  written: Written;
  incidentId: string;
  counts: { events: number; series: number; analyses: number; journalEntries: number };
  journalNote: string | null;
}

export async function exportBundle(store: EventStore, incidentId: string, opts: ExportOptions): Promise<Exported> {
  const c = collect(store, incidentId, opts.journal, opts.now);
  const written = await writeBundle(c.incident.id, c.records, {
    exporter: opts.exporter,
    sealing: opts.sealing,
    sitrepVersion: opts.sitrepVersion,
    createdAt: opts.now,
    ...(opts.maxPlainBytes !== undefined ? { maxPlainBytes: opts.maxPlainBytes } : {}),
  });
  const k = written.header.contents;
  return {
    written,
    incidentId: c.incident.id,
    counts: { events: k.event.count, series: k.series.count, analyses: k.analysis.count, journalEntries: k.entry.count },
    journalNote: opts.journal.journal === null ? (opts.journal.reason ?? 'no journal') : null,
  };
}

/** A file name for an exported bundle: the incident id and the time, nothing else. */
export function bundleFileName(incidentId: string, at: number): string {
  const stamp = new Date(at).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${incidentId.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100)}-${stamp}.sitrep`;
}

/** Where the bundle would land in this store, and what to know first (fills openAs, alreadyOpenAs, warnings). */
function placeInStore(store: EventStore, report: BundleReport): void {
  if (report.incidentId === null) return;
  report.alreadyOpenAs = openedFrom(store, report.sha256);
  report.openAs = report.alreadyOpenAs ?? reviewIdFor(store, report.incidentId);
  if (report.incident && report.alreadyOpenAs === null) {
    const held = eventsInWindow(store, report.incident.windowFrom, report.incident.windowTo);
    if (held > 0) {
      report.warnings.push(`This store already holds ${held} events in the incident's window; the review copy's timeline will show them beside the bundle's (a store keeps one timeline, not one per incident).`);
    }
  }
}

export interface InspectInStoreOptions {
  opener?: Opener;
  operators: readonly OperatorPublic[];
  maxBytes?: number;
}

/** Checks a file against this store (writes nothing). */
export async function inspectForStore(store: EventStore, file: Uint8Array, opts: InspectInStoreOptions): Promise<BundleReport> {
  const { report } = await inspect(file, opts);
  if (report.intact) placeInStore(store, report);
  return report;
}

export interface Opened {
  report: BundleReport;
  /** Null when refused (see report.problem) or when this bundle was already open here (report.alreadyOpenAs). */
  imported: Imported | null;
}

/** Verifies, decrypts and imports as a review copy; a bundle that is not intact writes nothing. */
export async function openBundle(store: EventStore, file: Uint8Array, opts: InspectInStoreOptions & { opener: Opener; now: number }): Promise<Opened> {
  const { report, decrypted } = await inspect(file, opts);
  if (!report.intact || decrypted === null || report.exporter === null) return { report, imported: null };
  placeInStore(store, report);
  if (report.alreadyOpenAs !== null) return { report, imported: null };
  const imported = importReview(store, decrypted, report.exporter.trust, opts.now);
  report.openAs = imported.incidentId;
  if (imported.unmatchedEvidence > 0) report.warnings.push(`${imported.unmatchedEvidence} evidence references matched no event in this store and were left out.`);
  return { report, imported };
}

const trustWords = (r: BundleReport): string =>
  r.exporter?.trust === 'known' ? `known key of ${r.exporter.localName ?? r.exporter.name}` : r.exporter?.trust === 'name_conflict' ? 'key NOT of the local operator of that name' : 'self-asserted: key unknown to this profile';

/** The local journal's record of opening a bundle (kind `note`). */
export function openedNote(report: BundleReport, incidentId: string): { text: string; detail: Record<string, string | number | boolean | null> } {
  const e = report.exporter;
  return {
    text: `Review bundle opened: ${report.incidentId ?? '?'} exported by ${e?.name ?? '?'} (${trustWords(report)}, ${e?.fingerprint ?? '?'}) at ${new Date(report.exportedAt ?? 0).toISOString()}, intact; review copy ${incidentId}`,
    detail: {
      type: 'bundle_opened',
      incidentId,
      originalId: report.incidentId,
      exporter: e?.name ?? null,
      exporterKey: e?.fingerprint ?? null,
      trust: e?.trust ?? null,
      exportedAt: report.exportedAt,
      bundleSha256: report.sha256,
      intact: report.intact,
    },
  };
}

/** The local journal's record of exporting one (kind `note`). */
export function exportedNote(x: Exported, sealing: Sealing, exporterName: string): { text: string; detail: Record<string, string | number | boolean | null> } {
  const how = 'passphrase' in sealing ? 'a passphrase' : `recipient key ${keyFingerprint(sealing.recipientPublicKey)}`;
  return {
    text: `Review bundle exported: ${x.incidentId} by ${exporterName}, encrypted with ${how} (${x.counts.events} events, ${x.counts.analyses} analyses, ${x.counts.journalEntries} journal entries)`,
    detail: { type: 'bundle_exported', incidentId: x.incidentId, bundleSha256: x.written.sha256, bytes: x.written.bytes.length, encryption: 'passphrase' in sealing ? 'passphrase' : 'recipient', journalEntries: x.counts.journalEntries },
  };
}
