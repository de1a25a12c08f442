/** UI state of the eval & monitors panel: whether it is open. */
import { create } from 'zustand';

export interface EvalsUi {
  open: boolean;
  setOpen(open: boolean): void;
  toggle(): void;
}

export const useEvalsUi = create<EvalsUi>()((set, get) => ({
  open: false,
  setOpen: (open) => set({ open }),
  toggle: () => set({ open: !get().open }),
}));
