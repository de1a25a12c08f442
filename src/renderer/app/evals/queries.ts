/** react-query hooks of the eval export and the proposed monitors. */
import { useMutation, useQuery } from '@tanstack/react-query';
import { call } from '../../api/client';

export const evalsKeys = {
  monitors: (incidentId: string) => ['monitors', 'propose', incidentId] as const,
};

/** Proposed alerting rules (read-only; recomputed when the store changes). */
export function useMonitors(incidentId: string, enabled: boolean) {
  return useQuery({ queryKey: evalsKeys.monitors(incidentId), queryFn: () => call('monitors.propose', { incidentId }), enabled, staleTime: 60_000 });
}

/** Builds the eval cases (the core journals each export). */
export function useEvalExport(incidentId: string) {
  return useMutation({ mutationFn: (raw: boolean) => call('evals.export', { incidentId, raw }) });
}
