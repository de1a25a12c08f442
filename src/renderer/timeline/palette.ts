/** Colours the canvas draws with, read from the theme's CSS custom properties. */
export interface Palette {
  bg: string;
  bgElev: string;
  panel: string;
  border: string;
  text: string;
  textMuted: string;
  grid: string;
  axis: string;
  accent: string;
  ok: string;
  warn: string;
  error: string;
  info: string;
  crosshair: string;
  brush: string;
  series: string[];
  fontUi: string;
  fontMono: string;
}

/** Fallbacks (dark theme) for when the stylesheet is absent, e.g. in unit tests. */
export const DARK_FALLBACK: Palette = {
  bg: '#0f1115',
  bgElev: '#171a21',
  panel: '#1c2029',
  border: '#3a4150',
  text: '#e8ebf1',
  textMuted: '#a8b0bf',
  grid: '#2c323d',
  axis: '#c4cad6',
  accent: '#5aa9ff',
  ok: '#3fbf7f',
  warn: '#f2b544',
  error: '#ff5c5c',
  info: '#6cb6ff',
  crosshair: '#ffffff',
  brush: '#5aa9ff',
  series: ['#6cb6ff', '#f2b544', '#c58cff', '#3fd0c9', '#ff8f5c', '#9bd65b', '#ff6fae', '#d0d4dc'],
  fontUi: 'system-ui, sans-serif',
  fontMono: 'ui-monospace, monospace',
};

export function readPalette(el: Element | null): Palette {
  if (!el || typeof getComputedStyle !== 'function') return DARK_FALLBACK;
  const cs = getComputedStyle(el);
  const v = (name: string, fb: string): string => cs.getPropertyValue(name).trim() || fb;
  const f = DARK_FALLBACK;
  return {
    bg: v('--bg', f.bg),
    bgElev: v('--bg-elev', f.bgElev),
    panel: v('--panel', f.panel),
    border: v('--border', f.border),
    text: v('--text', f.text),
    textMuted: v('--text-muted', f.textMuted),
    grid: v('--grid', f.grid),
    axis: v('--axis', f.axis),
    accent: v('--accent', f.accent),
    ok: v('--ok', f.ok),
    warn: v('--warn', f.warn),
    error: v('--error', f.error),
    info: v('--info', f.info),
    crosshair: v('--crosshair', f.crosshair),
    brush: v('--brush', f.brush),
    series: f.series.map((c, i) => v(`--series-${i + 1}`, c)),
    fontUi: v('--font-ui', f.fontUi),
    fontMono: v('--font-mono', f.fontMono),
  };
}

export function seriesColor(p: Palette, i: number): string {
  return p.series[i % p.series.length] ?? p.info;
}
