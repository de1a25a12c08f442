/** UI state of the live share: the commander's dialog; on a viewer, how the share ended. */
import { create } from 'zustand';
import type { ShareEndReason } from '../../../shared/contract-share';

export interface ShareUi {
  open: boolean;
  setOpen(open: boolean): void;
  ended: ShareEndReason | null;
  setEnded(reason: ShareEndReason): void;
}

export const useShareUi = create<ShareUi>()((set) => ({
  open: false,
  setOpen: (open) => set({ open }),
  ended: null,
  setEnded: (ended) => set({ ended }),
}));
