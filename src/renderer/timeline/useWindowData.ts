/** Fetches the overscanned window through react-query; keeps showing the previous answer while the next loads. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { isMetricLane, LANE_ORDER, type LaneId, type MetricLaneId } from '../../shared/lanes';
import type { LaneRequest } from '../../shared/window';
import { call } from '../api/client';
import type { FetchWindow } from './fetchRange';
import { prepareWindow, type PreparedWindow } from './prepare';

export function laneRequests(hidden: ReadonlySet<LaneId>, metricChoice: Partial<Record<MetricLaneId, string>>): LaneRequest[] {
  const out: LaneRequest[] = [];
  for (const lane of LANE_ORDER) {
    if (hidden.has(lane)) continue;
    if (isMetricLane(lane)) {
      const metric = metricChoice[lane];
      out.push(metric ? { type: 'metrics', lane, metric } : { type: 'metrics', lane });
    } else out.push({ type: 'events', lane });
  }
  return out;
}

export interface WindowData {
  data: PreparedWindow | null;
  isFetching: boolean;
  error: Error | null;
}

export function useWindowData(
  incidentId: string,
  win: FetchWindow | null,
  hidden: ReadonlySet<LaneId>,
  metricChoice: Partial<Record<MetricLaneId, string>>,
): WindowData {
  const lanes = useMemo(() => laneRequests(hidden, metricChoice), [hidden, metricChoice]);
  const q = useQuery({
    queryKey: ['timeline.window', incidentId, win?.from, win?.to, win?.widthPx, lanes],
    queryFn: async () => {
      if (!win || lanes.length === 0) return null;
      const res = await call('timeline.window', { from: win.from, to: win.to, widthPx: win.widthPx, lanes });
      return prepareWindow(res);
    },
    enabled: win !== null && lanes.length > 0,
    placeholderData: keepPreviousData,
    // The core pushes store.changed when data changes; a focus refetch would only re-download
    // and re-parse the big window in the middle of the user's first drag.
    staleTime: 30_000,
    refetchOnWindowFocus: false,
  });
  return { data: q.data ?? null, isFetching: q.isFetching, error: q.error };
}
