/** UI state of the postmortem screen: which incident's postmortem is open (null: closed). */
import { create } from 'zustand';

export interface PostmortemUi {
  openFor: string | null;
  open(incidentId: string): void;
  close(): void;
  toggle(incidentId: string): void;
}

export const usePostmortemUi = create<PostmortemUi>()((set, get) => ({
  openFor: null,
  open: (openFor) => set({ openFor }),
  close: () => set({ openFor: null }),
  toggle: (incidentId) => set({ openFor: get().openFor === incidentId ? null : incidentId }),
}));
