/**
 * Keeps the engine's colours in step with the theme: re-read the CSS custom properties when
 * the store's theme changes and whenever <html>'s attributes change (whoever applies the theme).
 */
import { useEffect } from 'react';
import { useUi } from '../state/ui';
import type { TimelineEngine } from './engine';
import { readPalette } from './palette';

export function usePalette(engine: TimelineEngine | null): void {
  const theme = useUi((s) => s.theme);
  useEffect(() => {
    if (!engine || typeof document === 'undefined') return undefined;
    const root = document.documentElement;
    const apply = (): void => engine.setPalette(readPalette(root));
    apply();
    // The theme attribute may be applied by a parent's effect after ours: read again next frame.
    const raf = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(apply) : 0;
    let mo: MutationObserver | null = null;
    if (typeof MutationObserver !== 'undefined') {
      mo = new MutationObserver(apply);
      mo.observe(root, { attributes: true, attributeFilter: ['data-theme', 'class', 'style'] });
    }
    return () => {
      if (raf && typeof cancelAnimationFrame === 'function') cancelAnimationFrame(raf);
      mo?.disconnect();
    };
  }, [engine, theme]);
}
