/** react-query hook of the cross-incident report (it reads incidents, so it follows their invalidation). */
import { useQuery } from '@tanstack/react-query';
import { call } from '../../api/client';
import type { ReportGranularity } from './state';

export function useReport(granularity: ReportGranularity) {
  return useQuery({ queryKey: ['incidents', 'report', granularity], queryFn: () => call('report.get', { granularity }) });
}
