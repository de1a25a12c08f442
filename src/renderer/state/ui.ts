/**
 * UI state only (selection, zoom, panels). Never a copy of query data: anything the core owns
 * is read through react-query (see ../api).
 */
import { create } from 'zustand';
import type { LaneId, MetricLaneId } from '../../shared/lanes';

export type Theme = 'dark' | 'light';
export interface TimeRange {
  from: number;
  to: number;
}

export interface UiState {
  theme: Theme;
  incidentId: string | null;
  /** The visible time range of the timeline (ms epoch). */
  view: TimeRange | null;
  /** The incident's full window, for reset (key 0). */
  home: TimeRange | null;
  /** Brushed sub-window that filters the detail panels; null = the whole view. */
  brush: TimeRange | null;
  /** Crosshair time under the pointer, shared by every lane. */
  crosshair: number | null;
  selectedEventId: number | null;
  hiddenLanes: ReadonlySet<LaneId>;
  metricChoice: Partial<Record<MetricLaneId, string>>;
  helpOpen: boolean;
  /** Presentation mode is on for this window (larger type and lanes, emphasised crosshair); the core masks what it sends. */
  presenting: boolean;

  setTheme(t: Theme): void;
  toggleTheme(): void;
  openIncident(id: string, window: TimeRange): void;
  closeIncident(): void;
  setView(r: TimeRange): void;
  resetView(): void;
  setBrush(r: TimeRange | null): void;
  setCrosshair(t: number | null): void;
  selectEvent(id: number | null): void;
  toggleLane(l: LaneId): void;
  chooseMetric(l: MetricLaneId, metric: string): void;
  setHelpOpen(open: boolean): void;
  setPresenting(on: boolean): void;
}

/** Narrowest and widest views allowed (ms). */
export const MIN_SPAN_MS = 1_000;
export const MAX_SPAN_MS = 30 * 24 * 3600_000;

function clampSpan(r: TimeRange): TimeRange {
  const span = Math.min(MAX_SPAN_MS, Math.max(MIN_SPAN_MS, r.to - r.from));
  const mid = (r.from + r.to) / 2;
  return r.to - r.from === span ? r : { from: Math.round(mid - span / 2), to: Math.round(mid + span / 2) };
}

export const useUi = create<UiState>()((set, get) => ({
  theme: 'dark',
  incidentId: null,
  view: null,
  home: null,
  brush: null,
  crosshair: null,
  selectedEventId: null,
  hiddenLanes: new Set<LaneId>(),
  metricChoice: {},
  helpOpen: false,
  presenting: false,

  setTheme: (theme) => set({ theme }),
  toggleTheme: () => set({ theme: get().theme === 'dark' ? 'light' : 'dark' }),
  openIncident: (id, window) =>
    set({ incidentId: id, view: clampSpan(window), home: window, brush: null, selectedEventId: null, crosshair: null }),
  closeIncident: () => set({ incidentId: null, view: null, home: null, brush: null, selectedEventId: null }),
  setView: (r) => set({ view: clampSpan(r) }),
  resetView: () => {
    const home = get().home;
    if (home) set({ view: clampSpan(home) });
  },
  setBrush: (brush) => set({ brush: brush && brush.to > brush.from ? brush : null }),
  setCrosshair: (crosshair) => set({ crosshair }),
  selectEvent: (selectedEventId) => set({ selectedEventId }),
  toggleLane: (l) => {
    const next = new Set(get().hiddenLanes);
    if (next.has(l)) next.delete(l);
    else next.add(l);
    set({ hiddenLanes: next });
  },
  chooseMetric: (l, metric) => set({ metricChoice: { ...get().metricChoice, [l]: metric } }),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
  setPresenting: (presenting) => set({ presenting }),
}));
