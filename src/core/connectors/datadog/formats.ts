/**
 * Datadog import formats (API responses saved to files): metrics query (v1), logs search (v2),
 * monitors (v1) and events (v1, v2). Datadog monitor *webhooks* are another format (alert
 * webhooks). Mapping and limits: ./metrics.ts, ./logs.ts, ./monitors.ts, ./events.ts.
 */
import type { ImportFormat, ParsedInput } from '../../import/formats/types';
import { finishBatch } from '../kubernetes/batch';
import { isEventsV1, isEventsV2, mapEventsV1, mapEventsV2 } from './events';
import { isLogsSearch, mapLogsSearch } from './logs';
import { isMetricsQuery, mapMetricsQuery } from './metrics';
import { isMonitorList, mapMonitors } from './monitors';

const doc = (i: ParsedInput): unknown => (i.kind === 'json' ? i.doc : null);

export const datadogFormats: ImportFormat[] = [
  { id: 'datadog-metrics-query', label: 'Datadog metrics query (v1)', detect: (i) => isMetricsQuery(doc(i)), parse: (i) => finishBatch([], mapMetricsQuery(doc(i)), 'Datadog') },
  { id: 'datadog-logs-search', label: 'Datadog logs search (v2)', detect: (i) => isLogsSearch(doc(i)), parse: (i) => finishBatch(mapLogsSearch(doc(i)), [], 'Datadog') },
  { id: 'datadog-monitors', label: 'Datadog monitors (v1)', detect: (i) => isMonitorList(doc(i)), parse: (i, ctx) => finishBatch(mapMonitors(doc(i), ctx.now), [], 'Datadog') },
  { id: 'datadog-events-v1', label: 'Datadog events (v1)', detect: (i) => isEventsV1(doc(i)), parse: (i) => finishBatch(mapEventsV1(doc(i)), [], 'Datadog') },
  { id: 'datadog-events-v2', label: 'Datadog events (v2)', detect: (i) => isEventsV2(doc(i)), parse: (i) => finishBatch(mapEventsV2(doc(i)), [], 'Datadog') },
];
