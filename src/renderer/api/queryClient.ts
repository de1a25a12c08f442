/**
 * The renderer's react-query client, and the push wiring that keeps it fresh: the core pushes
 * `store.changed` / `incidents.changed`, and a reconnect of the push socket refetches everything
 * (pushes may have been missed while it was down).
 */
import { QueryClient } from '@tanstack/react-query';
import { CallError, onPush } from './client';
import { onConnectionStatus } from './connection';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // Retry only when the core could not be reached; a typed error will not change on retry.
        retry: (count, err) => err instanceof CallError && err.code === 'unreachable' && count < 2,
      },
    },
  });
}

export const queryClient = createQueryClient();

/** Coalesces bursts of pushes (live ingest) into one invalidation per `ms`. */
function coalesce(fn: () => void, ms: number): { run(): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  return {
    run() {
      if (timer !== null) return;
      timer = setTimeout(() => {
        timer = null;
        fn();
      }, ms);
    },
    cancel() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}

export function installPushInvalidation(client: QueryClient, opts: { coalesceMs?: number } = {}): () => void {
  const all = coalesce(() => void client.invalidateQueries(), opts.coalesceMs ?? 300);
  const offs = [
    onPush('store.changed', () => all.run()),
    onPush('incidents.changed', () => void client.invalidateQueries({ queryKey: ['incidents'] })),
    onConnectionStatus((now, before) => {
      if (now === 'open' && before !== 'open') all.run();
    }),
  ];
  return () => {
    all.cancel();
    for (const off of offs) off();
  };
}
