/** react-query hooks over the contract. Query keys start with the area they read. */
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { EventCursor, EventListQuery } from '../../shared/contract';
import { call } from './client';

export const queryKeys = {
  appInfo: ['app', 'info'] as const,
  incidents: ['incidents', 'list'] as const,
  incident: (id: string) => ['incidents', 'get', id] as const,
  event: (id: number) => ['events', 'get', id] as const,
  eventPages: (q: Omit<EventListQuery, 'after'>) => ['events', 'list', q] as const,
};

export function useAppInfo() {
  return useQuery({ queryKey: queryKeys.appInfo, queryFn: () => call('app.info', {}) });
}

export function useIncidents() {
  return useQuery({ queryKey: queryKeys.incidents, queryFn: () => call('incidents.list', {}) });
}

export function useIncident(id: string | null) {
  return useQuery({
    queryKey: queryKeys.incident(id ?? ''),
    queryFn: () => call('incidents.get', { id: id ?? '' }),
    enabled: id !== null && id !== '',
  });
}

export function useEvent(id: number | null) {
  return useQuery({
    queryKey: queryKeys.event(id ?? 0),
    queryFn: () => call('events.get', { id: id ?? 0 }),
    enabled: id !== null && id > 0,
    staleTime: 5 * 60_000,
  });
}

/** Pages of `events.list`, following the cursor. Pass `null` to disable. */
export function useEventPages(query: Omit<EventListQuery, 'after'> | null) {
  const q = query ?? { from: 0, to: 1 };
  return useInfiniteQuery({
    queryKey: queryKeys.eventPages(q),
    queryFn: ({ pageParam }) => call('events.list', pageParam ? { ...q, after: pageParam } : q),
    initialPageParam: null as EventCursor | null,
    getNextPageParam: (last) => last.next,
    enabled: query !== null && query.to > query.from,
    // Keep the previous rows on screen while a new filter or range loads (no blank flash).
    placeholderData: keepPreviousData,
  });
}
