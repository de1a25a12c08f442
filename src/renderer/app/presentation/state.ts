/** UI state of presentation mode: the settings dialog, and the toggle the `p` key runs. */
import { create } from 'zustand';

export interface PresentationUi {
  settingsOpen: boolean;
  setSettingsOpen(open: boolean): void;
  /** Installed by the PresentationLayer (it has the query client); null before it mounts. */
  toggle: (() => void) | null;
  setToggle(fn: (() => void) | null): void;
}

export const usePresentationUi = create<PresentationUi>()((set) => ({
  settingsOpen: false,
  setSettingsOpen: (settingsOpen) => set({ settingsOpen }),
  toggle: null,
  setToggle: (toggle) => set({ toggle }),
}));
