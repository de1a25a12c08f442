/** Postmortem drafts: drafted from the store, the analysis and the journal; edited; exported to Markdown and PDF. */
export { draftPostmortem, type DraftOptions } from './draft';
export { entriesOfIncident, readJournal, type JournalEntryLite, type JournalSource } from './journal-scope';
export { postmortemMarkdown } from './markdown';
export { postmortemPdf, type PdfResult } from './pdf';
export { exportPostmortem, exportFileName, postmortemFor, type ExportedFile, type GetOptions } from './service';
export { digestOf, discardEdits, loadDraft, loadEdits, saveDraft, saveEdit, withEdits } from './storage';
