/** react-query hooks of the Connections screen. Keys start with 'connections' / 'vault'. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ConnectionInput } from '../../../shared/connections';
import { call } from '../../api/client';

export const connectionKeys = {
  list: ['connections', 'list'] as const,
  vault: ['vault', 'status'] as const,
};

export function useVaultStatus() {
  return useQuery({ queryKey: connectionKeys.vault, queryFn: () => call('vault.status', {}) });
}

export function useConnectionList() {
  return useQuery({ queryKey: connectionKeys.list, queryFn: () => call('connections.list', {}) });
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: connectionKeys.list }), qc.invalidateQueries({ queryKey: connectionKeys.vault })]);
}

export function useVaultAction(kind: 'init' | 'unlock') {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (passphrase: string) => (kind === 'init' ? call('vault.init', { passphrase }) : call('vault.unlock', { passphrase })),
    onSuccess: invalidate,
  });
}

export function useAddConnection() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (input: ConnectionInput) => call('connections.add', input), onSuccess: invalidate });
}

export function useRemoveConnection() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (id: string) => call('connections.remove', { id }), onSuccess: invalidate });
}

export function useTestConnection() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (id: string) => call('connections.test', { id }), onSettled: invalidate });
}
