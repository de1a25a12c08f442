/**
 * The postmortem of an incident as the app and the CLI use it: the stored draft (or a new one)
 * with the commander's edits laid over it, and its export as Markdown or PDF bytes.
 */
import type { Postmortem } from '../../shared/postmortem';
import type { EventStore } from '../store/api';
import { draftPostmortem } from './draft';
import type { JournalSource } from './journal-scope';
import { postmortemMarkdown } from './markdown';
import { postmortemPdf } from './pdf';
import { discardEdits, loadDraft, loadEdits, saveDraft, withEdits } from './storage';

export interface GetOptions {
  /** Draft again from the data as it is now (edits are kept unless `discardEdits`). */
  regenerate?: boolean;
  discardEdits?: boolean;
  /** Store a new draft (false for a caller that may only read: it gets a draft for this answer only). */
  persist: boolean;
}

export function postmortemFor(store: EventStore, journal: JournalSource, incidentId: string, now: number, opts: GetOptions): Postmortem {
  const persist = opts.persist && !store.readOnly;
  if (opts.regenerate !== true) {
    const stored = loadDraft(store, incidentId);
    if (stored !== null) return withEdits(stored, loadEdits(store, incidentId), true);
  }
  const draft = draftPostmortem(store, journal, incidentId, now);
  if (persist) {
    store.sql.transaction(() => {
      saveDraft(store, draft);
      if (opts.discardEdits === true) discardEdits(store, incidentId);
    })();
  }
  return withEdits(draft, loadEdits(store, incidentId), persist);
}

export interface ExportedFile {
  fileName: string;
  mimeType: 'text/markdown' | 'application/pdf';
  bytes: Uint8Array;
  pages: number | null;
}

export const exportFileName = (incidentId: string, ext: 'md' | 'pdf'): string => `postmortem-${incidentId.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 120)}.${ext}`;

export async function exportPostmortem(p: Postmortem, format: 'md' | 'pdf'): Promise<ExportedFile> {
  if (format === 'md') {
    return { fileName: exportFileName(p.draft.incidentId, 'md'), mimeType: 'text/markdown', bytes: new TextEncoder().encode(postmortemMarkdown(p)), pages: null };
  }
  const pdf = await postmortemPdf(p);
  return { fileName: exportFileName(p.draft.incidentId, 'pdf'), mimeType: 'application/pdf', bytes: pdf.bytes, pages: pdf.pages };
}
