/**
 * Presentation mode through the contract: the core is the one that masks, so turning the mode on
 * means telling the core first, then dropping every cached answer (they were not masked) and
 * fetching again. Turning it off refetches in place.
 */
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { PresentationPatch, PresentationState } from '../../../shared/contract-presentation';
import { call } from '../../api/client';

export const presentationKey = ['presentation'] as const;

export function usePresentation() {
  return useQuery({ queryKey: presentationKey, queryFn: () => call('presentation.get', {}), staleTime: 60_000 });
}

/** After the core's mode or settings changed: nothing fetched before may stay on screen. */
export async function refetchEverything(client: QueryClient, masked: boolean): Promise<void> {
  const others = { predicate: (q: { queryKey: readonly unknown[] }) => q.queryKey[0] !== presentationKey[0] };
  // Reset drops the cached data at once (no unmasked frame while the new answer loads).
  if (masked) await client.resetQueries(others);
  else await client.invalidateQueries(others);
}

export function useSetPresentation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: PresentationPatch) => call('presentation.set', patch),
    onSuccess: async (state: PresentationState, patch) => {
      const before = client.getQueryData<PresentationState>(presentationKey);
      client.setQueryData(presentationKey, state);
      const modeChanged = before?.on !== state.on;
      const settingsChanged = patch.categories !== undefined || patch.sensitiveLabels !== undefined;
      if (modeChanged || (settingsChanged && state.on)) await refetchEverything(client, state.on);
    },
  });
}

/**
 * Who this window is: the core says (`presentation.get`); the viewer link hints it before the
 * answer, so a viewer never renders the commander's app. Null while unknown (nothing is rendered
 * that could call a commander's channel); a core that cannot answer means the commander's app.
 */
export function useSeatRole(): 'operator' | 'viewer' | null {
  const q = usePresentation();
  if (q.data) return q.data.role;
  if (typeof window !== 'undefined' && new URLSearchParams(window.location.search).has('view')) return 'viewer';
  // Once it has failed (the mounting commander's app refetches it), stay with the commander's app.
  return q.isError || q.errorUpdatedAt > 0 ? 'operator' : null;
}
