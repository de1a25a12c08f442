/** Contract samples (good input, bad input, valid output) for every review-bundle channel. */
import type { bundleChannels, BundleReport } from '../../shared/contract-bundle';
import type { ChannelSample } from '../contract/samples';

const T = Date.UTC(2026, 2, 14, 9, 30);
const SHA = 'ab'.repeat(32);

const report: BundleReport = {
  intact: true,
  decrypted: true,
  problem: null,
  problemCode: null,
  fileBytes: 412_003,
  sha256: SHA,
  exporter: { id: 'op-1', name: 'ana', fingerprint: '1a2b:3c4d:5e6f:7a8b', trust: 'unknown', localName: null, localDisabled: false },
  exportedAt: T,
  sitrepVersion: '0.1.0',
  incidentId: 'inc-1',
  encryption: { kind: 'passphrase', recipient: null },
  counts: { events: 5_000, series: 40, points: 12_000, analyses: 1, journalEntries: 12 },
  incident: { title: 'Checkout assistant answers time out', severity: 'sev2', status: 'open', windowFrom: T - 3_600_000, windowTo: T, services: ['checkout-assistant'] },
  journal: { included: true, note: null, entries: 12, checkpoint: { seq: 40, createdAt: T, valid: true, keyFingerprint: '9f8e:7d6c:5b4a:3928' } },
  checks: [{ name: 'signature', ok: true, detail: 'Ed25519 signature by key 1a2b:3c4d:5e6f:7a8b verifies over the header' }],
  openAs: 'inc-1',
  alreadyOpenAs: null,
  warnings: [],
};

export const bundleSamples: { [C in keyof typeof bundleChannels]: ChannelSample<C> } = {
  'bundle.export': {
    good: { incidentId: 'inc-1', sealing: { kind: 'passphrase', passphrase: 'correct horse battery staple' }, grantId: 'grant-1', includeJournal: true },
    // A passphrase too short for a file that leaves the machine.
    bad: { incidentId: 'inc-1', sealing: { kind: 'passphrase', passphrase: 'short' }, grantId: 'grant-1', includeJournal: true },
    output: {
      fileName: 'inc-1-20260314T093000Z.sitrep',
      bytes: 'U0lUUkVQUkI=',
      size: 8,
      sha256: SHA,
      exporter: { name: 'ana', fingerprint: '1a2b:3c4d:5e6f:7a8b' },
      encryption: 'passphrase',
      counts: { events: 5_000, series: 40, analyses: 1, journalEntries: 12 },
      journalNote: null,
    },
  },
  'bundle.upload': {
    good: { uploadId: 'upload-0001', offset: 0, total: 8, data: 'U0lUUkVQUkI=' },
    bad: { uploadId: 'upload-0001', offset: 0, total: 8, data: 'not base64!' },
    output: { uploadId: 'upload-0001', received: 8, total: 8 },
  },
  'bundle.inspect': {
    good: { uploadId: 'upload-0001', opener: { kind: 'passphrase', passphrase: 'correct horse battery staple' } },
    bad: { uploadId: '../etc/passwd' },
    output: report,
  },
  'bundle.open': {
    good: { uploadId: 'upload-0001', opener: { kind: 'key', pem: '-----BEGIN ENCRYPTED PRIVATE KEY-----', passphrase: 'key passphrase' } },
    // Opening always needs the secret.
    bad: { uploadId: 'upload-0001' },
    output: { incidentId: 'inc-1', report },
  },
  'bundle.discard': { good: { uploadId: 'upload-0001' }, bad: { uploadId: 'upload-0001', all: true }, output: {} },
  'bundle.journal': {
    good: { incidentId: 'inc-1' },
    bad: { incidentId: '' },
    output: {
      incidentId: 'inc-1',
      included: true,
      note: null,
      journalId: 'j-1',
      checkpoint: { seq: 40, createdAt: T, valid: true, keyFingerprint: '9f8e:7d6c:5b4a:3928' },
      entries: [{ seq: 12, ts: T, kind: 'decision', actor: 'ana', hash: SHA, prevHash: SHA, summary: 'Rejected hypothesis "payments deploy"', payload: '{}', linked: false }],
    },
  },
};
