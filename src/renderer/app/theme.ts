/** Theme persistence: the choice lives in the UI store, is mirrored on <html data-theme> and in localStorage. */
import { useUi, type Theme } from '../state/ui';

const KEY = 'sitrep.theme';

export function loadTheme(): Theme {
  try {
    return window.localStorage.getItem(KEY) === 'light' ? 'light' : 'dark';
  } catch {
    return 'dark';
  }
}

function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  try {
    window.localStorage.setItem(KEY, theme);
  } catch {
    // Storage may be unavailable (private mode); the theme still applies for this session.
  }
}

/** Loads the saved theme into the store and keeps <html> and storage in sync. Returns the unsubscribe. */
export function installThemeSync(): () => void {
  useUi.getState().setTheme(loadTheme());
  applyTheme(useUi.getState().theme);
  return useUi.subscribe((s, prev) => {
    if (s.theme !== prev.theme) applyTheme(s.theme);
  });
}
