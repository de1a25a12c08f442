/**
 * OTLP ExportMetricsServiceRequest → metric series. Gauge and sum points keep their value;
 * histograms, exponential histograms and summaries become `<name>_count` and `<name>_sum` series
 * (summaries also `<name>` with a `quantile` label). Labels: service.name (as `service`) and the
 * point's attributes as strings (clamped to 512 characters, at most 64). Lane by name: dcgm / gpu /
 * nvidia → gpu; vllm / gen_ai / llm / inference / tgi / triton → inference; otherwise infra.
 * A point without a time or with a non-finite value is rejected.
 */
import type { MetricLane, MetricSeriesInput } from '../../shared/events';
import { clampShort } from '../connectors/common/text';
import { field, isRecord, list, obj, str } from './fields';
import { nanosToMs } from './ids-time';
import { OTLP_LIMITS } from './limits';
import { serviceOf } from './spans';
import { int64, keyValues } from './values';

export interface MetricsResult {
  series: MetricSeriesInput[];
  points: number;
  rejected: number;
  error: string;
}

export function laneOf(name: string): MetricLane {
  const n = name.toLowerCase();
  if (/dcgm|gpu|nvidia/.test(n)) return 'gpu';
  if (/vllm|gen_ai|llm|inference|tgi|triton/.test(n)) return 'inference';
  return 'infra';
}

function num(v: unknown): number | null {
  if (typeof v === 'number') return v;
  const i = int64(v);
  return typeof i === 'number' ? i : typeof i === 'string' ? Number(i) : null;
}

export function mapMetrics(doc: unknown): MetricsResult {
  if (!isRecord(doc)) throw new TypeError('expected an ExportMetricsServiceRequest object');
  const bySeries = new Map<string, MetricSeriesInput>();
  const out: MetricsResult = { series: [], points: 0, rejected: 0, error: '' };
  const reject = (why: string): void => {
    out.rejected++;
    if (out.error === '') out.error = why;
  };
  const add = (name: string, unit: string | undefined, labels: Record<string, string>, ts: number | null, value: number | null): void => {
    if (out.points + out.rejected >= OTLP_LIMITS.maxItems) return reject(`more than ${OTLP_LIMITS.maxItems} data points in one request`);
    if (ts === null) return reject(`${name}: data point without timeUnixNano`);
    if (value === null || !Number.isFinite(value)) return reject(`${name}: data point without a finite value`);
    const key = name + '\u0000' + JSON.stringify(labels);
    let s = bySeries.get(key);
    if (!s) {
      s = { name: name.slice(0, 256), labels, lane: laneOf(name), points: [] };
      if (unit) s.unit = clampShort(unit);
      bySeries.set(key, s);
    }
    s.points.push([Math.floor(ts), value]);
    out.points++;
  };
  for (const rm of list(doc, 'resourceMetrics')) {
    if (!isRecord(rm)) continue;
    const service = serviceOf(obj(rm, 'resource'));
    for (const sm of list(rm, 'scopeMetrics').concat(list(rm, 'instrumentationLibraryMetrics'))) {
      if (!isRecord(sm)) continue;
      for (const m of list(sm, 'metrics')) {
        if (!isRecord(m)) continue;
        const name = str(m, 'name');
        if (!name) {
          reject('metric without a name');
          continue;
        }
        const unit = str(m, 'unit');
        const pointsOf = (kind: string): Record<string, unknown>[] => list(obj(m, kind), 'dataPoints').filter(isRecord);
        const labelsOf = (p: Record<string, unknown>): Record<string, string> => {
          const labels: Record<string, string> = { service };
          const attrs = keyValues(field(p, 'attributes'));
          for (const k of Object.keys(attrs).slice(0, 64)) {
            const v = attrs[k];
            labels[k.slice(0, 256)] = clampShort(typeof v === 'string' ? v : JSON.stringify(v) ?? '');
          }
          return labels;
        };
        for (const kind of ['gauge', 'sum']) {
          for (const p of pointsOf(kind)) {
            const d = field(p, 'asDouble');
            add(name, unit, labelsOf(p), nanosToMs(field(p, 'timeUnixNano')), d !== undefined ? num(d) : num(field(p, 'asInt')));
          }
        }
        for (const kind of ['histogram', 'exponentialHistogram', 'summary']) {
          for (const p of pointsOf(kind)) {
            const labels = labelsOf(p);
            const ts = nanosToMs(field(p, 'timeUnixNano'));
            add(`${name}_count`, undefined, labels, ts, num(field(p, 'count')));
            const sum = field(p, 'sum');
            if (sum !== undefined) add(`${name}_sum`, unit, labels, ts, num(sum));
            for (const q of list(p, 'quantileValues')) {
              if (!isRecord(q)) continue;
              add(name, unit, { ...labels, quantile: String(num(field(q, 'quantile')) ?? 0) }, ts, num(field(q, 'value')));
            }
          }
        }
      }
    }
  }
  out.series = [...bySeries.values()];
  return out;
}
