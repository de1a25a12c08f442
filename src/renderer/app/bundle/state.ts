/** UI state of review bundles: which bundle dialog is open. */
import { create } from 'zustand';

export interface BundleUi {
  /** The "Open bundle…" dialog. */
  openDialog: boolean;
  /** The incident the "Export bundle…" dialog is for, or null. */
  exportFor: string | null;
  /** The review copy whose bundle journal is shown, or null. */
  journalFor: string | null;
  setOpenDialog(open: boolean): void;
  setExportFor(id: string | null): void;
  setJournalFor(id: string | null): void;
}

export const useBundleUi = create<BundleUi>()((set) => ({
  openDialog: false,
  exportFor: null,
  journalFor: null,
  setOpenDialog: (openDialog) => set({ openDialog }),
  setExportFor: (exportFor) => set({ exportFor }),
  setJournalFor: (journalFor) => set({ journalFor }),
}));
