/**
 * Values the store already holds under the labels marked sensitive (alert labels, metric series
 * labels), so presentation mode masks them in free text (a log line naming the tenant) from the
 * first frame, not only once an answer carrying the label has passed through. Both lookups are
 * small: alerts through the lane index, series from their own table.
 */
import type { EventStore } from '../store/api';

export const MAX_VALUES_PER_KEY = 2000;

export function sensitiveValuesInStore(store: Pick<EventStore, 'sql'>, keys: readonly string[]): Array<{ key: string; value: string }> {
  const out: Array<{ key: string; value: string }> = [];
  if (keys.length === 0) return out;
  const db = store.sql;
  const alerts = db.prepare(`SELECT DISTINCT json_extract(body, ?) AS v FROM events WHERE lane = 'alerts' AND v IS NOT NULL LIMIT ${MAX_VALUES_PER_KEY}`);
  const series = db.prepare(`SELECT DISTINCT json_extract(labels_json, ?) AS v FROM metric_series WHERE v IS NOT NULL LIMIT ${MAX_VALUES_PER_KEY}`);
  for (const key of keys) {
    // Label names are validated (no quotes); quoted so dots stay part of the key.
    const name = key.replace(/["\\]/g, '');
    for (const [stmt, path] of [
      [alerts, `$.labels."${name}"`],
      [series, `$."${name}"`],
    ] as const) {
      for (const row of stmt.all(path) as Array<{ v: unknown }>) if (typeof row.v === 'string') out.push({ key, value: row.v });
    }
  }
  return out;
}
