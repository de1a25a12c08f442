/** UI state of governance: whether the journal screen and the sign-in dialog are open. */
import { create } from 'zustand';

export interface GovernanceUi {
  journalOpen: boolean;
  signInOpen: boolean;
  setJournalOpen(open: boolean): void;
  toggleJournal(): void;
  setSignInOpen(open: boolean): void;
}

export const useGovernanceUi = create<GovernanceUi>()((set, get) => ({
  journalOpen: false,
  signInOpen: false,
  setJournalOpen: (journalOpen) => set({ journalOpen }),
  toggleJournal: () => set({ journalOpen: !get().journalOpen }),
  setSignInOpen: (signInOpen) => set({ signInOpen }),
}));
