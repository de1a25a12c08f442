/** Whether the Connections screen is open (UI state only). */
import { create } from 'zustand';

export interface ConnectionsUi {
  open: boolean;
  setOpen(open: boolean): void;
  toggle(): void;
}

export const useConnectionsUi = create<ConnectionsUi>()((set, get) => ({
  open: false,
  setOpen: (open) => set({ open }),
  toggle: () => set({ open: !get().open }),
}));
