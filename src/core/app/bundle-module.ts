/**
 * Contract handlers of review bundles. Export signs with the signed-in operator's key, released
 * for this one signature by a step-up grant, and journals that it happened. A bundle arrives in
 * chunks (`bundle.upload`, kept in memory, bounded, forgotten after 10 idle minutes), is
 * inspected, then opened as a review copy; opening is journaled locally ("bundle opened, from X,
 * intact"), never by appending the bundle's entries to the local chain. Viewers may read a review
 * copy's journal; everything else needs an operator sender.
 */
import type { bundleChannels } from '../../shared/contract-bundle';
import { MAX_APP_BUNDLE_BYTES, UPLOAD_CHUNK_BYTES, type BundleOpener } from '../../shared/contract-bundle';
import { ContractFailure, type ErrorCode } from '../../shared/envelope';
import type { SignedIn } from '../auth/seats';
import {
  assertNotReviewCopy,
  BundleError,
  bundleFileName,
  exportBundle,
  exportedNote,
  inspectForStore,
  keyFingerprint,
  openBundle,
  openedNote,
  parseRecipientPublic,
  privateKeyFromPem,
  reviewJournal,
  type JournalSource,
  type Opener,
  type Sealing,
} from '../bundle';
import type { BundleErrorCode } from '../bundle/errors';
import type { Handler, SenderInfo } from '../contract/handlers';
import type { CoreContext, CoreModule } from './context';
import { mapGovernance } from './governance-errors';

export type BundleHandlers = { [C in keyof typeof bundleChannels]: Handler<C> };

export interface BundleModuleOptions {
  now?: () => number;
  /** Uploads held at once, and their bytes in total. */
  maxUploads?: number;
  maxHeldBytes?: number;
  idleMs?: number;
}

interface Upload {
  chunks: Buffer[];
  received: number;
  total: number;
  touchedAt: number;
}

const BUNDLE_CODES: Record<BundleErrorCode, ErrorCode> = {
  not_a_bundle: 'bad_input',
  unsupported_version: 'bad_input',
  too_large: 'bad_input',
  truncated: 'bad_input',
  malformed: 'bad_input',
  bad_signature: 'bad_input',
  tampered: 'bad_input',
  invalid_content: 'bad_input',
  wrong_passphrase: 'unauthorized',
  wrong_key: 'unauthorized',
  needs_key: 'bad_input',
  weak_passphrase: 'bad_input',
  export_refused: 'forbidden',
};

async function mapped<T>(fn: () => T | Promise<T>): Promise<T> {
  return mapGovernance(async () => {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof BundleError) throw new ContractFailure(BUNDLE_CODES[err.code], err.message);
      throw err;
    }
  });
}

function operatorOnly(sender: SenderInfo, what: string): void {
  if (sender.role !== 'operator') throw new ContractFailure('forbidden', `Viewers cannot ${what}`);
}

function canExport(who: SignedIn): void {
  if (!who.roles.includes('commander') && !who.roles.includes('approver')) throw new ContractFailure('forbidden', `${who.name} has the viewer role only: exporting a bundle needs a commander or approver`);
}

export function createBundleModule(ctx: CoreContext, opts: BundleModuleOptions = {}): CoreModule<BundleHandlers> {
  const now = opts.now ?? Date.now;
  const maxUploads = opts.maxUploads ?? 4;
  const maxHeld = opts.maxHeldBytes ?? 2 * MAX_APP_BUNDLE_BYTES;
  const idleMs = opts.idleMs ?? 10 * 60_000;
  const uploads = new Map<string, Upload>();

  function sweep(): void {
    const t = now();
    for (const [id, u] of uploads) if (t - u.touchedAt > idleMs) uploads.delete(id);
  }
  const held = (): number => [...uploads.values()].reduce((n, u) => n + u.total, 0);

  function complete(uploadId: string): Buffer {
    sweep();
    const u = uploads.get(uploadId);
    if (!u) throw new ContractFailure('not_found', 'No such upload (uploads are kept 10 minutes after their last chunk): choose the file again');
    if (u.received !== u.total) throw new ContractFailure('bad_input', `The upload is incomplete: ${u.received} of ${u.total} bytes`);
    u.touchedAt = now();
    return Buffer.concat(u.chunks, u.total);
  }

  function opener(o: BundleOpener): Opener {
    return o.kind === 'passphrase' ? { passphrase: o.passphrase } : { privateKey: privateKeyFromPem(o.pem, o.passphrase, 'the recipient key file') };
  }

  const operators = () => ctx.auth?.operators.list() ?? [];

  const handlers: BundleHandlers = {
    'bundle.export': ({ incidentId, sealing, grantId, includeJournal }, sender) =>
      mapped(async () => {
        operatorOnly(sender, 'export bundles');
        if (!ctx.auth) throw new ContractFailure('forbidden', 'Sign-in is not available in this core: a bundle is signed by an operator');
        const who = ctx.auth.require(sender);
        canExport(who);
        if (!ctx.store.getIncident(incidentId)) throw new ContractFailure('not_found', `No incident ${incidentId}`);
        assertNotReviewCopy(ctx.store, incidentId);
        const operator = ctx.auth.operators.registry().get(who.operatorId);
        if (!operator) throw new ContractFailure('unauthorized', 'The signed-in operator is no longer registered');
        let journal: JournalSource = { journal: null, reason: 'left out by the exporter', actor: who.name };
        if (includeJournal) {
          const st = ctx.journal?.status();
          if (!ctx.journal || st?.state !== 'unlocked') {
            throw new ContractFailure('forbidden', 'The journal is locked: unlock it (key j) to include its entries, or export without them');
          }
          journal = { journal: ctx.journal.journal(), actor: who.name };
        }
        const seal: Sealing = sealing.kind === 'passphrase' ? { passphrase: sealing.passphrase } : { recipientPublicKey: parseRecipientPublic(sealing.publicKeyFile, 'the recipient key file').publicKey };
        // Taken (once) even when the export then fails: a step-up confirms one attempt.
        const signingKey = ctx.auth.takeGrant(sender, grantId).takeKey(now());
        const t = now();
        const x = await exportBundle(ctx.store, incidentId, { journal, exporter: { id: operator.id, name: operator.name, publicKey: operator.publicKey, signingKey }, sealing: seal, sitrepVersion: ctx.version, now: t });
        if (x.written.bytes.length > MAX_APP_BUNDLE_BYTES) {
          throw new ContractFailure('forbidden', `The bundle is ${x.written.bytes.length} bytes, over the app's ${MAX_APP_BUNDLE_BYTES}-byte limit: use \`sitrep bundle export\``);
        }
        try {
          ctx.journal?.append('note', exportedNote(x, seal, who.name), who.name);
        } catch (err) {
          ctx.log('[bundle] the export could not be journaled', { error: (err as Error).message });
        }
        if (includeJournal) ctx.emit('governance.changed', { areas: ['journal'] });
        ctx.log('[bundle] exported', { incidentId, bytes: x.written.bytes.length, by: who.name });
        return {
          fileName: bundleFileName(incidentId, t),
          bytes: x.written.bytes.toString('base64'),
          size: x.written.bytes.length,
          sha256: x.written.sha256,
          exporter: { name: operator.name, fingerprint: keyFingerprint(operator.publicKey) },
          encryption: sealing.kind === 'passphrase' ? 'passphrase' : 'recipient',
          counts: x.counts,
          journalNote: x.journalNote,
        };
      }),

    'bundle.upload': ({ uploadId, offset, total, data }, sender) => {
      operatorOnly(sender, 'open bundles');
      sweep();
      const chunk = Buffer.from(data, 'base64');
      if (chunk.length === 0 || chunk.length > UPLOAD_CHUNK_BYTES) throw new ContractFailure('bad_input', `A chunk is 1 to ${UPLOAD_CHUNK_BYTES} bytes`);
      let u = uploads.get(uploadId);
      if (offset === 0) {
        uploads.delete(uploadId);
        if (uploads.size >= maxUploads) throw new ContractFailure('forbidden', `${maxUploads} uploads are already held: open or discard one first`);
        if (held() + total > maxHeld) throw new ContractFailure('forbidden', 'Too many bytes held in uploads: open or discard one first');
        u = { chunks: [], received: 0, total, touchedAt: now() };
        uploads.set(uploadId, u);
      }
      if (!u) throw new ContractFailure('not_found', 'No such upload: start again from the first chunk');
      if (total !== u.total) throw new ContractFailure('bad_input', `The upload's total was ${u.total} bytes, not ${total}`);
      if (offset !== u.received) throw new ContractFailure('bad_input', `Expected the chunk at byte ${u.received}, not ${offset}`);
      if (u.received + chunk.length > u.total) throw new ContractFailure('bad_input', `The chunks run past the ${u.total} bytes announced`);
      u.chunks.push(chunk);
      u.received += chunk.length;
      u.touchedAt = now();
      return { uploadId, received: u.received, total: u.total };
    },

    'bundle.inspect': ({ uploadId, opener: o }, sender) =>
      mapped(async () => {
        operatorOnly(sender, 'open bundles');
        const bytes = complete(uploadId);
        return inspectForStore(ctx.store, bytes, { ...(o ? { opener: opener(o) } : {}), operators: operators(), maxBytes: MAX_APP_BUNDLE_BYTES });
      }),

    'bundle.open': ({ uploadId, opener: o }, sender) =>
      mapped(async () => {
        operatorOnly(sender, 'open bundles');
        if (ctx.readOnly || ctx.store.readOnly) throw new ContractFailure('forbidden', 'This store is open read-only: a bundle cannot be opened into it');
        const bytes = complete(uploadId);
        const { report, imported } = await openBundle(ctx.store, bytes, { opener: opener(o), operators: operators(), maxBytes: MAX_APP_BUNDLE_BYTES, now: now() });
        if (imported === null && report.alreadyOpenAs !== null) {
          uploads.delete(uploadId);
          return { incidentId: report.alreadyOpenAs, report };
        }
        if (imported === null) throw new ContractFailure(report.problemCode === 'wrong_passphrase' || report.problemCode === 'wrong_key' ? 'unauthorized' : 'bad_input', report.problem ?? 'The bundle was refused');
        uploads.delete(uploadId);
        const actor = ctx.auth?.current(sender)?.name ?? `${sender.host}:commander`;
        try {
          ctx.journal?.append('note', openedNote(report, imported.incidentId), actor);
        } catch (err) {
          ctx.log('[bundle] the opening could not be journaled', { error: (err as Error).message });
        }
        ctx.emit('store.changed', { areas: ['events', 'metrics', 'incidents'] });
        ctx.emit('incidents.changed', { ids: [imported.incidentId] });
        ctx.emit('governance.changed', { areas: ['journal'] });
        ctx.log('[bundle] opened', { incidentId: imported.incidentId, from: report.exporter?.name, events: imported.events });
        return { incidentId: imported.incidentId, report };
      }),

    'bundle.discard': ({ uploadId }) => {
      uploads.delete(uploadId);
      return {};
    },

    'bundle.journal': ({ incidentId }, sender) => {
      operatorOnly(sender, 'read journals');
      return reviewJournal(ctx.store, incidentId);
    },
  };

  return {
    handlers,
    close() {
      uploads.clear();
    },
  };
}
