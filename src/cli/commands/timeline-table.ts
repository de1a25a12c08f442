/** A compact human view of a WindowResult: one line per lane with a sparkline. */
import { LANE_LABEL } from '../../shared/lanes';
import type { LaneResult, WindowResult } from '../../shared/window';
import { iso, num, pad, sparkline } from '../format';

const SPARK = 48;

function laneLine(l: LaneResult): string {
  const label = pad(LANE_LABEL[l.lane], 14);
  switch (l.type) {
    case 'events': {
      const errors = l.buckets.errors.reduce((a, b) => a + b, 0);
      const warns = l.buckets.warns.reduce((a, b) => a + b, 0);
      const spark = l.total > 0 ? sparkline(l.buckets.count, SPARK) : '';
      return `${label}${pad(spark, SPARK)}  ${num(l.total)} events, ${num(errors)} errors, ${num(warns)} warnings (${l.mode})`;
    }
    case 'metrics': {
      const first = l.series[0];
      if (!l.metric || !first) return `${label}${pad('', SPARK)}  no metrics`;
      const all = l.series.flatMap((s) => s.max.filter((v): v is number => v !== null));
      const range = all.length ? `${+Math.min(...all).toPrecision(4)}…${+Math.max(...all).toPrecision(4)}` : 'no points';
      const unit = l.unit ? ` ${l.unit}` : '';
      return `${label}${pad(sparkline(first.max, SPARK), SPARK)}  ${l.metric}: ${l.series.length} series, ${range}${unit}`;
    }
  }
}

export function timelineTable(w: WindowResult): string {
  const head = `${iso(w.from)} → ${iso(w.to)}  ${w.widthPx}px, ${w.bucketMs} ms/bucket, ${w.resolution}, ${w.tookMs.toFixed(1)} ms`;
  return [head, ...w.lanes.map(laneLine)].join('\n') + '\n';
}
