/** UI state of the report screen: whether it is open, and the period it groups by. */
import { create } from 'zustand';

export type ReportGranularity = 'auto' | 'week' | 'month';

export interface ReportUi {
  open: boolean;
  granularity: ReportGranularity;
  setOpen(open: boolean): void;
  toggle(): void;
  setGranularity(g: ReportGranularity): void;
}

export const useReportUi = create<ReportUi>()((set, get) => ({
  open: false,
  granularity: 'auto',
  setOpen: (open) => set({ open }),
  toggle: () => set({ open: !get().open }),
  setGranularity: (granularity) => set({ granularity }),
}));
