/**
 * Contract channels of postmortem drafts (declared here, spread into ../contract.ts): get (or
 * generate) the draft of an incident, save the commander's text of one section, and export the
 * postmortem as Markdown or PDF bytes (the renderer saves them as a download in either host).
 */
import { z } from 'zod';
import { MAX_SECTION_CHARS, Postmortem, SectionKey } from './postmortem';

const IncidentId = z.string().min(1).max(128);

export const PostmortemDraftInput = z
  .object({
    incidentId: IncidentId,
    /** Draft again from the data as it is now; edited sections keep their text unless `discardEdits`. */
    regenerate: z.boolean().optional(),
    /** With `regenerate`: drop every edit, back to the generated text. */
    discardEdits: z.boolean().optional(),
  })
  .strict()
  .refine((i) => i.discardEdits !== true || i.regenerate === true, { message: 'discardEdits needs regenerate', path: ['discardEdits'] });
export type PostmortemDraftInput = z.input<typeof PostmortemDraftInput>;

export const PostmortemSaveInput = z
  .object({
    incidentId: IncidentId,
    section: SectionKey,
    /** The section's new text; null goes back to the generated text. */
    text: z.string().max(MAX_SECTION_CHARS).nullable(),
  })
  .strict();
export type PostmortemSaveInput = z.input<typeof PostmortemSaveInput>;

export const PostmortemSaveResult = z.object({
  postmortem: Postmortem,
  /** What became of the journal entry recording the edit. */
  journal: z.object({ status: z.enum(['appended', 'queued', 'dropped', 'unavailable']), seq: z.number().int().min(1).nullable(), note: z.string().max(512) }),
});
export type PostmortemSaveResult = z.infer<typeof PostmortemSaveResult>;

export const ExportFormat = z.enum(['md', 'pdf']);
export type ExportFormat = z.infer<typeof ExportFormat>;

export const PostmortemExportInput = z.object({ incidentId: IncidentId, format: ExportFormat }).strict();
export type PostmortemExportInput = z.input<typeof PostmortemExportInput>;

/** Exports are at most this big (the PDF of a long postmortem is a few hundred KiB). */
export const MAX_EXPORT_BYTES = 8 * 1024 * 1024;

export const PostmortemExport = z.object({
  format: ExportFormat,
  fileName: z.string().regex(/^[A-Za-z0-9._-]{1,160}$/, 'a plain file name'),
  mimeType: z.enum(['text/markdown', 'application/pdf']),
  base64: z.string().max(Math.ceil(MAX_EXPORT_BYTES / 3) * 4),
  bytes: z.number().int().min(0).max(MAX_EXPORT_BYTES),
  /** PDF only: its page count. */
  pages: z.number().int().min(1).nullable(),
});
export type PostmortemExport = z.infer<typeof PostmortemExport>;

export const postmortemChannels = {
  /** The incident's stored draft with the edits laid over it; generated (and stored) when there is none or when asked. */
  'postmortem.draft': { input: PostmortemDraftInput, output: Postmortem },
  /** The commander's text for one section (operators only); journaled as a note. */
  'postmortem.save': { input: PostmortemSaveInput, output: PostmortemSaveResult },
  /** The postmortem as Markdown or PDF, edited text included. */
  'postmortem.export': { input: PostmortemExportInput, output: PostmortemExport },
} as const;
