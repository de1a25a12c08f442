/**
 * While a share runs, the commander's window reports what it shows (incident, visible window,
 * crosshair, selected event) at most REPORT_EVERY_MS apart, the last change always; the core
 * pushes it on to viewers. Nothing is sent while no share is active.
 */
import { useEffect } from 'react';
import type { FollowView } from '../../../shared/contract-share';
import { call } from '../../api/client';
import { useUi, type UiState } from '../../state/ui';

export const REPORT_EVERY_MS = 100;

export function followViewOf(s: Pick<UiState, 'incidentId' | 'view' | 'crosshair' | 'selectedEventId'>): FollowView {
  const inIncident = s.incidentId !== null;
  const window = inIncident && s.view && s.view.to > s.view.from ? { from: Math.round(s.view.from), to: Math.round(s.view.to) } : null;
  return {
    incidentId: s.incidentId,
    window,
    cursor: inIncident && s.crosshair !== null && s.crosshair >= 0 ? Math.round(s.crosshair) : null,
    selectedEventId: inIncident && s.selectedEventId !== null && s.selectedEventId >= 1 ? s.selectedEventId : null,
  };
}

export function useFollowReporter(active: boolean): void {
  useEffect(() => {
    if (!active) return undefined;
    let last = '';
    let lastAt = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const send = (): void => {
      timer = null;
      const view = followViewOf(useUi.getState());
      const text = JSON.stringify(view);
      if (text === last) return;
      last = text;
      lastAt = Date.now();
      // A lost report is replaced by the next one; the viewer keeps the last view it had.
      call('share.follow', view).catch(() => undefined);
    };
    const schedule = (): void => {
      if (timer !== null) return;
      timer = setTimeout(send, Math.max(0, lastAt + REPORT_EVERY_MS - Date.now()));
    };
    send();
    const unsub = useUi.subscribe((s, prev) => {
      if (s.incidentId !== prev.incidentId || s.view !== prev.view || s.crosshair !== prev.crosshair || s.selectedEventId !== prev.selectedEventId) schedule();
    });
    return () => {
      unsub();
      if (timer !== null) clearTimeout(timer);
    };
  }, [active]);
}
