/**
 * react-query hooks of governance. Keys start with 'auth' / 'journal'; the core pushes
 * `governance.changed` when a sign-in, lock or the journal changes, and the matching keys are
 * invalidated (see useGovernancePush).
 */
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { AuthStatus, JournalListQuery, ReauthInput, SignInInput } from '../../../shared/contract-governance';
import { call, onPush } from '../../api/client';

export const governanceKeys = {
  auth: ['auth', 'status'] as const,
  journal: ['journal'] as const,
  journalStatus: ['journal', 'status'] as const,
  journalPages: (q: Omit<JournalListQuery, 'before'>) => ['journal', 'list', q] as const,
};

export function useAuthStatus() {
  return useQuery({ queryKey: governanceKeys.auth, queryFn: () => call('auth.status', {}), staleTime: 5_000 });
}

export function useJournalStatus() {
  return useQuery({ queryKey: governanceKeys.journalStatus, queryFn: () => call('journal.status', {}) });
}

/** Refetches what the core says changed. */
export function useGovernancePush(): void {
  const qc = useQueryClient();
  useEffect(
    () =>
      onPush('governance.changed', ({ areas }) => {
        if (areas.includes('auth')) void qc.invalidateQueries({ queryKey: governanceKeys.auth });
        if (areas.includes('journal')) void qc.invalidateQueries({ queryKey: governanceKeys.journal });
      }),
    [qc],
  );
}

function useAfterAuth() {
  const qc = useQueryClient();
  return (status: AuthStatus) => {
    qc.setQueryData(governanceKeys.auth, status);
    // What the journal shows depends on who is signed in.
    void qc.invalidateQueries({ queryKey: governanceKeys.journal });
  };
}

export function useSignIn() {
  const after = useAfterAuth();
  return useMutation({ mutationFn: (input: SignInInput) => call('auth.signIn', input), onSuccess: after });
}

export function useUnlockSession() {
  const after = useAfterAuth();
  return useMutation({ mutationFn: (input: ReauthInput) => call('auth.unlock', input), onSuccess: after });
}

export function useSignOut() {
  const after = useAfterAuth();
  return useMutation({ mutationFn: () => call('auth.signOut', {}), onSuccess: after });
}

export function useLockSession() {
  const after = useAfterAuth();
  return useMutation({ mutationFn: () => call('auth.lock', {}), onSuccess: after });
}

/** Activity: restarts the core's idle timer (refused, harmlessly, unless the session is active). */
export function useTouch() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: () => call('auth.touch', {}), onSuccess: (status) => qc.setQueryData(governanceKeys.auth, status) });
}

export function useOidcBegin() {
  return useMutation({ mutationFn: () => call('auth.oidcBegin', {}) });
}

export function useJournalUnlock() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (passphrase: string) => call('journal.unlock', { passphrase }),
    onSuccess: (status) => {
      qc.setQueryData(governanceKeys.journalStatus, status);
      void qc.invalidateQueries({ queryKey: governanceKeys.journal });
    },
  });
}

export function useJournalPages(query: Omit<JournalListQuery, 'before'> | null) {
  const q = query ?? {};
  return useInfiniteQuery({
    queryKey: governanceKeys.journalPages(q),
    queryFn: ({ pageParam }) => call('journal.list', pageParam !== null ? { ...q, before: pageParam } : q),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.next,
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}

export function useJournalNote() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (text: string) => call('journal.note', { text }), onSuccess: () => qc.invalidateQueries({ queryKey: governanceKeys.journal }) });
}

export function useJournalVerify() {
  return useMutation({ mutationFn: () => call('journal.verify', {}) });
}

export function useJournalExport() {
  return useMutation({ mutationFn: (format: 'encrypted' | 'jsonl') => call('journal.export', { format }) });
}
