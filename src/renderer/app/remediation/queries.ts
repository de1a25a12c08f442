/**
 * react-query hooks of remediation. The core holds plans and approvals; these only name them.
 * Keys start with 'remediation'; any approval or dispatch refetches the queue.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApproveInput, PreviewInput } from '../../../shared/contract-remediation';
import { call } from '../../api/client';

export const remediationKeys = {
  all: ['remediation'] as const,
  runbooks: (incidentId: string) => ['remediation', 'runbooks', incidentId] as const,
  pending: ['remediation', 'pending'] as const,
  observations: ['remediation', 'observations'] as const,
};

export function useRunbooks(incidentId: string, enabled: boolean) {
  return useQuery({ queryKey: remediationKeys.runbooks(incidentId), queryFn: () => call('runbooks.forIncident', { incidentId }), enabled });
}

export function usePending(enabled: boolean) {
  return useQuery({ queryKey: remediationKeys.pending, queryFn: () => call('remediation.pending', {}), enabled, refetchInterval: enabled ? 10_000 : false });
}

export function useDiagnose() {
  return useMutation({ mutationFn: (input: { incidentId: string; runbookId: string }) => call('remediation.diagnose', input) });
}

export function usePreview() {
  return useMutation({ mutationFn: (input: PreviewInput) => call('remediation.preview', input) });
}

/** Step-up (password + code) then the approval the core signs with the grant it holds. */
export function useApprove() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (input: { planId: string; password: string; code: string; breakGlassReason?: string }) => {
      const grant = await call('auth.stepUp', { password: input.password, code: input.code });
      const approve: ApproveInput = { planId: input.planId, grantId: grant.grantId, ...(input.breakGlassReason ? { breakGlassReason: input.breakGlassReason } : {}) };
      return call('remediation.approve', approve);
    },
    onSettled: () => qc.invalidateQueries({ queryKey: remediationKeys.pending }),
  });
}

export function useDispatch() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (planId: string) => call('remediation.dispatch', { planId }),
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: remediationKeys.pending }), qc.invalidateQueries({ queryKey: remediationKeys.observations })]),
  });
}

/** Observation mode's scorecard: what Sitrep would have done against what responders did by hand. */
export function useObservations(enabled: boolean) {
  return useQuery({ queryKey: remediationKeys.observations, queryFn: () => call('remediation.observations', {}), enabled, retry: false });
}

/** A responder did the previewed action by hand: recorded beside what Sitrep would have done. */
export function useRecordHuman() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { planId: string; note?: string }) => call('remediation.recordHuman', input),
    onSuccess: (r) => qc.setQueryData(remediationKeys.observations, r),
  });
}
