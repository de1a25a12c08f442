/** react-query hooks of the analysis channels. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AnalysisResult } from '../../../shared/hypotheses';
import { call } from '../../api/client';

export const analysisKey = (incidentId: string) => ['analysis', 'latest', incidentId] as const;

export function useLatestAnalysis(incidentId: string) {
  return useQuery({ queryKey: analysisKey(incidentId), queryFn: () => call('analysis.latest', { incidentId }) });
}

export function useRunAnalysis(incidentId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => call('analysis.run', { incidentId }),
    onSuccess: (r: AnalysisResult) => qc.setQueryData(analysisKey(incidentId), r),
  });
}

export function useDecide(incidentId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (d: { analysisId: string; hypothesisId: string; decision: 'accepted' | 'rejected' | 'proposed'; reason: string | null }) =>
      call('analysis.decide', d),
    onSuccess: (r: AnalysisResult) => qc.setQueryData(analysisKey(incidentId), r),
  });
}
