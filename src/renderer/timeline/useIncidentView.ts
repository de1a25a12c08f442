/**
 * The timeline normally opens on the view the incident view set (openIncident). If it is
 * mounted without one (a deep link, a test), it opens the incident's own window itself.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { call } from '../api/client';
import { useUi } from '../state/ui';

export function useIncidentView(incidentId: string): void {
  const needs = useUi((s) => s.view === null || s.incidentId !== incidentId);
  const q = useQuery({
    queryKey: ['incidents.get', incidentId],
    queryFn: () => call('incidents.get', { id: incidentId }),
    enabled: needs,
  });
  const inc = q.data;
  useEffect(() => {
    if (!needs || !inc) return;
    useUi.getState().openIncident(incidentId, { from: inc.windowFrom, to: inc.windowTo });
  }, [needs, inc, incidentId]);
}
