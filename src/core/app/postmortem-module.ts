/**
 * Contract handlers of postmortem drafts: get (or generate) an incident's draft, save the
 * commander's text of one section (journaled as a note), export Markdown or PDF bytes.
 *
 * A draft can hold journal entries, so it follows the journal's rule: the journal is read into a
 * draft only for a signed-in operator, and a stored draft that holds journal entries is shown only
 * to a signed-in operator. Viewers get none of the three channels.
 */
import type { postmortemChannels } from '../../shared/contract-postmortem';
import { MAX_EXPORT_BYTES } from '../../shared/contract-postmortem';
import { ContractFailure } from '../../shared/envelope';
import { SECTION_TITLES, type Postmortem } from '../../shared/postmortem';
import type { Handler, SenderInfo } from '../contract/handlers';
import { digestOf, exportPostmortem, loadEdits, postmortemFor, readJournal, saveEdit, withEdits, type JournalSource } from '../postmortem';
import type { CoreContext, CoreModule } from './context';
import { assertNotReviewCopy } from '../bundle/review';
import { decisionActor } from './decision-journal';

export type PostmortemHandlers = { [C in keyof typeof postmortemChannels]: Handler<C> };

export interface PostmortemOptions {
  now?: () => number;
}

function operatorOnly(sender: SenderInfo, what: string): void {
  if (sender.role !== 'operator') throw new ContractFailure('forbidden', `Viewers cannot ${what}`);
}

export function createPostmortemModule(ctx: CoreContext, opts: PostmortemOptions = {}): CoreModule<PostmortemHandlers> {
  const now = opts.now ?? Date.now;
  const signedIn = (sender: SenderInfo): boolean => {
    const who = ctx.auth?.current(sender);
    return who !== null && who !== undefined;
  };

  /** The journal as a draft may read it for this sender, or why it may not. */
  function journalFor(sender: SenderInfo): JournalSource {
    const service = ctx.journal;
    if (!service) return { unavailable: 'this core has no journal' };
    const state = service.status().state;
    if (state === 'unavailable') return { unavailable: 'there is no journal for an in-memory store' };
    if (state === 'uninitialised') return { unavailable: 'no journal has been created yet' };
    if (state === 'locked') return { unavailable: 'the journal is locked (unlock it with key j, then regenerate)' };
    if (!signedIn(sender)) return { unavailable: 'nobody is signed in, and the journal is read for signed-in operators only (sign in, then regenerate)' };
    try {
      return readJournal(service.journal());
    } catch (err) {
      return { unavailable: `the journal could not be read: ${(err as Error).message}` };
    }
  }

  /** A stored draft with journal entries in it is the journal's to show: signed-in operators only. */
  function shown(p: Postmortem, sender: SenderInfo): Postmortem {
    if (p.draft.journal.included && p.draft.journal.entries > 0 && !signedIn(sender)) {
      throw new ContractFailure('unauthorized', 'This postmortem holds journal entries: sign in to read it (or regenerate it after signing in).');
    }
    return p;
  }

  function current(incidentId: string, sender: SenderInfo): Postmortem {
    return shown(postmortemFor(ctx.store, journalFor(sender), incidentId, now(), { persist: !ctx.readOnly }), sender);
  }

  function record(text: string, detail: Record<string, unknown>, actor: string): { status: 'appended' | 'queued' | 'dropped' | 'unavailable'; seq: number | null; note: string } {
    if (!ctx.journal) return { status: 'unavailable', seq: null, note: 'this core has no journal' };
    try {
      const a = ctx.journal.append('note', { text, detail }, actor);
      if (a.status === 'appended') return { status: 'appended', seq: a.seq, note: `journal #${a.seq}` };
      if (a.status === 'queued') {
        const why = ctx.journal.status().state === 'uninitialised' ? 'no journal exists yet: the entry waits until one is created (key j)' : 'the journal is locked: the entry waits until it is unlocked';
        return { status: 'queued', seq: null, note: why };
      }
      return { status: 'dropped', seq: null, note: a.reason };
    } catch (err) {
      ctx.log('[journal] a postmortem edit could not be recorded', { error: (err as Error).message });
      return { status: 'dropped', seq: null, note: (err as Error).message.slice(0, 500) };
    }
  }

  return {
    handlers: {
      'postmortem.draft': (input, sender) => {
        operatorOnly(sender, 'read postmortems');
        if (input.regenerate !== true) return current(input.incidentId, sender);
        const actor = decisionActor(ctx, sender);
        const p = postmortemFor(ctx.store, journalFor(sender), input.incidentId, now(), { regenerate: true, discardEdits: input.discardEdits === true, persist: !ctx.readOnly });
        if (input.discardEdits === true && p.stored) record(`Postmortem of ${input.incidentId}: every edit discarded, back to the generated text`, { type: 'postmortem_edited', incidentId: input.incidentId, section: null, discarded: true }, actor);
        return shown(p, sender);
      },
      'postmortem.save': ({ incidentId, section, text }, sender) => {
        operatorOnly(sender, 'edit postmortems');
        if (ctx.readOnly || ctx.store.readOnly) throw new ContractFailure('forbidden', 'This store is open read-only: the postmortem cannot be edited.');
        assertNotReviewCopy(ctx.store, incidentId);
        const p = current(incidentId, sender);
        if (!p.stored) throw new ContractFailure('forbidden', 'This draft could not be stored, so it cannot be edited.');
        const actor = decisionActor(ctx, sender);
        const at = now();
        saveEdit(ctx.store, p.draft, section, text, actor, at);
        const title = SECTION_TITLES[section];
        const journal = record(
          `Postmortem of ${incidentId}: "${title}" ${text === null ? 'reverted to the generated text' : 'edited'}`,
          { type: 'postmortem_edited', incidentId, section, chars: text?.length ?? null, digest: text === null ? null : digestOf(text), ...(text !== null ? { text } : {}) },
          actor,
        );
        return { postmortem: withEdits(p.draft, loadEdits(ctx.store, incidentId), true), journal };
      },
      'postmortem.export': async ({ incidentId, format }, sender) => {
        operatorOnly(sender, 'export postmortems');
        const f = await exportPostmortem(current(incidentId, sender), format);
        if (f.bytes.length > MAX_EXPORT_BYTES) throw new ContractFailure('internal', `The ${format} export is ${f.bytes.length} bytes, over the ${MAX_EXPORT_BYTES} the app can hand over: use \`sitrep postmortem\` instead.`);
        return { format, fileName: f.fileName, mimeType: f.mimeType, base64: Buffer.from(f.bytes).toString('base64'), bytes: f.bytes.length, pages: f.pages };
      },
    },
  };
}
