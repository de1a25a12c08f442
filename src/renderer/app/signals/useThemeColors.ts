/** Resolved values of the theme's CSS variables, re-read when the theme changes (for SVG/canvas). */
import { useMemo } from 'react';
import { useUi } from '../../state/ui';

const FALLBACK: Record<string, string> = {
  '--text-muted': '#9da7b3',
  '--grid': '#2a313a',
  '--accent': '#58a6ff',
  '--error': '#f85149',
  '--warn': '#d29922',
  '--series-1': '#58a6ff',
  '--series-2': '#f0883e',
  '--series-3': '#f85149',
};

export function useThemeColors(names: readonly string[]): Record<string, string> {
  const theme = useUi((s) => s.theme);
  const key = names.join(',');
  return useMemo(() => {
    const style = getComputedStyle(document.documentElement);
    const out: Record<string, string> = {};
    for (const n of key.split(',')) out[n] = style.getPropertyValue(n).trim() || FALLBACK[n] || '#888888';
    return out;
    // theme is the trigger: the variables change with <html data-theme>.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, theme]);
}
