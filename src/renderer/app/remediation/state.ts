/** UI state of remediation: whether the runbook panel is open, and which runbook it shows. */
import { create } from 'zustand';

export interface RemediationUi {
  open: boolean;
  runbookId: string | null;
  /** Opens the panel, on `runbookId` when given. */
  show(runbookId?: string | null): void;
  close(): void;
  toggle(): void;
  select(runbookId: string): void;
}

export const useRemediationUi = create<RemediationUi>()((set, get) => ({
  open: false,
  runbookId: null,
  show: (runbookId) => set({ open: true, ...(runbookId ? { runbookId } : {}) }),
  close: () => set({ open: false }),
  toggle: () => set({ open: !get().open }),
  select: (runbookId) => set({ runbookId }),
}));
