/** react-query hooks of the model channels, and the live progress of a model review (push events). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { ModelSettingsPatch, ReviewProgress } from '../../../shared/contract-model';
import { call, onPush } from '../../api/client';
import { analysisKey } from './queries';

export const modelSettingsKey = ['model', 'settings'] as const;

export function useModelSettings() {
  return useQuery({ queryKey: modelSettingsKey, queryFn: () => call('model.settings.get', {}) });
}

export function useSaveModelSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: ModelSettingsPatch) => call('model.settings.set', patch),
    onSuccess: (v) => qc.setQueryData(modelSettingsKey, v),
  });
}

export function useModelDoctor() {
  return useMutation({ mutationFn: () => call('model.doctor', {}) });
}

export function useStartReview(incidentId: string) {
  return useMutation({ mutationFn: () => call('analysis.review.start', { incidentId }) });
}

export function useCancelReview() {
  return useMutation({ mutationFn: (jobId: string) => call('analysis.review.cancel', { jobId }) });
}

/**
 * The latest progress of a review of this incident, from any window that started it. A finished
 * review's result becomes the incident's latest analysis in the cache.
 */
export function useReviewProgress(incidentId: string): [ReviewProgress | null, () => void] {
  const qc = useQueryClient();
  const [progress, setProgress] = useState<ReviewProgress | null>(null);
  useEffect(
    () =>
      onPush('analysis.review.progress', (p) => {
        if (p.incidentId !== incidentId) return;
        setProgress(p);
        if (p.done && p.result && p.error === undefined) qc.setQueryData(analysisKey(incidentId), p.result);
      }),
    [incidentId, qc],
  );
  return [progress, () => setProgress(null)];
}
