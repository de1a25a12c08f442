/** The live share through the contract: the commander's status and controls, the viewer's follow state. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ShareEndReason, ShareStartInput, ShareStatus, ShareViewState } from '../../../shared/contract-share';
import { call, onPush } from '../../api/client';
import { useShareUi } from './state';

export const shareKeys = {
  status: ['share', 'status'] as const,
  state: ['share', 'state'] as const,
};

/** The commander's view of the share; refetched when the core says it changed, and each 15 s while active (expiry). */
export function useShareStatus() {
  return useQuery({
    queryKey: shareKeys.status,
    queryFn: () => call('share.status', {}),
    refetchInterval: (q) => (q.state.data?.active ? 15_000 : false),
  });
}

export function useSharePush(): void {
  const client = useQueryClient();
  useEffect(() => onPush('share.changed', () => void client.invalidateQueries({ queryKey: shareKeys.status })), [client]);
}

export function useStartShare() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ShareStartInput) => call('share.start', input),
    onSuccess: (status: ShareStatus) => client.setQueryData(shareKeys.status, status),
  });
}

export function useStopShare() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => call('share.stop', {}),
    onSuccess: (status: ShareStatus) => client.setQueryData(shareKeys.status, status),
  });
}

/** For viewers: who they follow and the latest view, kept current by `share.view` pushes. */
export function useShareViewState() {
  const client = useQueryClient();
  const q = useQuery({ queryKey: shareKeys.state, queryFn: () => call('share.state', {}), staleTime: Infinity, retry: false });
  useEffect(() => {
    const offView = onPush('share.view', (view) => {
      client.setQueryData<ShareViewState | null>(shareKeys.state, (old) => (old ? { ...old, view } : old));
    });
    const offEnded = onPush('share.ended', ({ reason }: { reason: ShareEndReason }) => useShareUi.getState().setEnded(reason));
    return () => {
      offView();
      offEnded();
    };
  }, [client]);
  return q;
}
