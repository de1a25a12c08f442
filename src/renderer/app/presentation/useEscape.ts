/** Esc closes the dialog wherever focus is (also after the focused control went away). */
import { useEffect, useRef } from 'react';

export function useEscapeToClose(onClose: () => void): void {
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      e.preventDefault();
      e.stopPropagation();
      close.current();
    };
    // Capture: before the app's own shortcuts, which would otherwise treat Esc as "clear the brush".
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
