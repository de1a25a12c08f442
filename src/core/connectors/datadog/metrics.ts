/**
 * Datadog v1 `GET /api/v1/query` → metric series. Each `series[]` entry → one MetricSeriesInput:
 * name = `metric`, labels from `scope` (`k:v,k2:v2`) or `tag_set`, points from `pointlist`
 * ([ms, value], null values skipped). Lane by metric prefix (dcgm/nvidia/gpu → gpu;
 * vllm/triton/tgi/llm/ml_obs/openai → inference; anything else → infra).
 * Limits: MAX_SERIES series, MAX_POINTS points in all (ImportError beyond).
 */
import type { MetricLane, MetricSeriesInput } from '../../../shared/events';
import { ImportError } from '../../import/formats/types';
import { checkCount } from '../kubernetes/batch';
import { arr, isObj, num, str } from '../kubernetes/fields';

export const MAX_SERIES = 10_000;
export const MAX_POINTS = 5_000_000;

export function laneOfMetric(name: string): MetricLane {
  if (/^(dcgm|nvidia|gpu)[._]/i.test(name)) return 'gpu';
  if (/^(vllm|triton|tgi|llm|ml_obs|openai|sglang|inference)[._]/i.test(name)) return 'inference';
  return 'infra';
}

function labelsOf(scope: string | undefined, tagSet: unknown[]): Record<string, string> {
  const tags = scope && scope !== '*' ? scope.split(',') : tagSet.filter((t): t is string => typeof t === 'string');
  const out: Record<string, string> = {};
  for (const t of tags.slice(0, 64)) {
    const i = t.indexOf(':');
    if (i > 0) out[t.slice(0, i).slice(0, 256)] = t.slice(i + 1).slice(0, 512);
    else if (t) out[t.slice(0, 256)] = '';
  }
  return out;
}

export function isMetricsQuery(doc: unknown): boolean {
  return isObj(doc) && Array.isArray(doc.series) && (doc.res_type === 'time_series' || doc.series.some((s) => isObj(s) && Array.isArray(s.pointlist)));
}

export function mapMetricsQuery(doc: unknown): MetricSeriesInput[] {
  if (!isObj(doc)) throw new ImportError('expected a Datadog metrics query response', { path: '$' });
  if (doc.status === 'error') throw new ImportError(`Datadog answered an error: ${String(doc.error ?? '')}`.slice(0, 300), { path: '$.status' });
  const series = arr(doc.series);
  checkCount(series.length, MAX_SERIES, 'Datadog series', '$.series');
  let points = 0;
  return series.map((s, i) => {
    if (!isObj(s)) throw new ImportError('series is not an object', { path: `$.series[${i}]` });
    const name = str(s.metric) ?? str(s.display_name);
    if (!name) throw new ImportError('series without a metric name', { path: `$.series[${i}].metric` });
    const list = arr(s.pointlist);
    points += list.length;
    checkCount(points, MAX_POINTS, 'Datadog points', `$.series[${i}].pointlist`);
    const pts: [number, number][] = [];
    list.forEach((p, j) => {
      if (!Array.isArray(p)) throw new ImportError('expected [ms, value]', { path: `$.series[${i}].pointlist[${j}]` });
      const t = num(p[0]);
      if (p[1] === null) return;
      const v = num(p[1]);
      if (t === undefined || v === undefined || t < 0) throw new ImportError('expected [ms, value]', { path: `$.series[${i}].pointlist[${j}]` });
      pts.push([Math.round(t), v]);
    });
    const unit = arr(s.unit).find(isObj);
    const out: MetricSeriesInput = { name: name.slice(0, 256), labels: labelsOf(str(s.scope), arr(s.tag_set)), lane: laneOfMetric(name), points: pts };
    const u = unit ? str(unit.short_name) ?? str(unit.name) : undefined;
    if (u) out.unit = u;
    return out;
  });
}
