/** react-query hooks of the postmortem channels. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ExportFormat, PostmortemSaveInput } from '../../../shared/contract-postmortem';
import type { Postmortem } from '../../../shared/postmortem';
import { call } from '../../api/client';

export const postmortemKey = (incidentId: string) => ['postmortem', incidentId] as const;

export function usePostmortem(incidentId: string) {
  return useQuery({ queryKey: postmortemKey(incidentId), queryFn: () => call('postmortem.draft', { incidentId }), staleTime: Infinity, retry: false });
}

export function useRegenerate(incidentId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (discardEdits: boolean) => call('postmortem.draft', { incidentId, regenerate: true, ...(discardEdits ? { discardEdits: true } : {}) }),
    onSuccess: (p: Postmortem) => qc.setQueryData(postmortemKey(incidentId), p),
  });
}

export function useSaveSection(incidentId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: Omit<PostmortemSaveInput, 'incidentId'>) => call('postmortem.save', { incidentId, ...input }),
    onSuccess: (r) => qc.setQueryData(postmortemKey(incidentId), r.postmortem),
  });
}

export function useExport(incidentId: string) {
  return useMutation({ mutationFn: (format: ExportFormat) => call('postmortem.export', { incidentId, format }) });
}
