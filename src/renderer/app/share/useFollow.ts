/** A viewer's window follows the commander's: the same incident, window and selected event. */
import { useEffect } from 'react';
import type { FollowView } from '../../../shared/contract-share';
import { useUi } from '../../state/ui';

export function applyFollowView(view: FollowView): void {
  const ui = useUi.getState();
  if (view.incidentId === null) {
    if (ui.incidentId !== null) ui.closeIncident();
    return;
  }
  if (ui.incidentId !== view.incidentId) {
    if (view.window) ui.openIncident(view.incidentId, view.window);
    // Without a window yet, the timeline opens the incident's own (useIncidentView).
    else useUi.setState({ incidentId: view.incidentId, view: null, home: null, brush: null, selectedEventId: null });
  } else if (view.window && (ui.view?.from !== view.window.from || ui.view.to !== view.window.to)) {
    ui.setView(view.window);
  }
  if (useUi.getState().selectedEventId !== view.selectedEventId) useUi.getState().selectEvent(view.selectedEventId);
}

/** Applied on every report, and again if the viewer left the followed incident (Backspace). */
export function useFollow(view: FollowView | null | undefined): void {
  const incidentId = useUi((s) => s.incidentId);
  useEffect(() => {
    if (view) applyFollowView(view);
  }, [view, incidentId]);
}
