/** UI state of review bundles: which bundle dialog is open. */
import { create } from 'zustand';

/** Review bundles are recognised by their extension when dropped (their content is encrypted). */
export const isBundleFile = (name: string): boolean => name.toLowerCase().endsWith('.sitrep');

export interface BundleUi {
  /** The "Open bundle…" dialog. */
  openDialog: boolean;
  /** The incident the "Export bundle…" dialog is for, or null. */
  exportFor: string | null;
  /** The review copy whose bundle journal is shown, or null. */
  journalFor: string | null;
  /** A bundle file dropped on the window, for the "Open bundle…" dialog to take on opening. */
  dropped: File | null;
  setOpenDialog(open: boolean): void;
  /** Opens the "Open bundle…" dialog on a file (dropped anywhere on the window). */
  openWith(file: File): void;
  /** The dropped file, once; null afterwards. */
  takeDropped(): File | null;
  setExportFor(id: string | null): void;
  setJournalFor(id: string | null): void;
}

export const useBundleUi = create<BundleUi>()((set, get) => ({
  openDialog: false,
  exportFor: null,
  journalFor: null,
  dropped: null,
  setOpenDialog: (openDialog) => set({ openDialog }),
  openWith: (file) => set({ dropped: file, openDialog: true }),
  takeDropped: () => {
    const f = get().dropped;
    if (f !== null) set({ dropped: null });
    return f;
  },
  setExportFor: (exportFor) => set({ exportFor }),
  setJournalFor: (journalFor) => set({ journalFor }),
}));
