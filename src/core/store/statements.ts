/**
 * Every SQL statement of the store, prepared once by name. No SQL string lives anywhere else
 * (except the schema in migrations.ts). Variable-length lists are passed as JSON arrays and
 * expanded with json_each, so each statement's text is fixed.
 */
import type Database from 'better-sqlite3';

const EVENT_ITEM_COLS = 'id, ts, dur_ms, kind, service, name, status, tokens, cost_usd';

const WRITE_SQL = {
  insertEvent: `INSERT INTO events (ts, dur_ms, kind, lane, service, name, status, score, severity, tokens, cost_usd, trace_id, span_id, external_id, body, flags)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  upsertEventRollup: `INSERT INTO event_rollups (lane, level, bucket_ts, count, errors, warns, tokens, cost_usd, top_id, top_score)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (lane, level, bucket_ts) DO UPDATE SET
      count = count + excluded.count,
      errors = errors + excluded.errors,
      warns = warns + excluded.warns,
      tokens = tokens + excluded.tokens,
      cost_usd = cost_usd + excluded.cost_usd,
      top_id = CASE WHEN excluded.top_score > top_score THEN excluded.top_id ELSE top_id END,
      top_score = max(top_score, excluded.top_score)`,
  insertSeries: 'INSERT INTO metric_series (name, labels_json, labels_key, lane, unit) VALUES (?, ?, ?, ?, ?)',
  insertPoint: 'INSERT INTO metric_points (series_id, ts, value) VALUES (?, ?, ?)',
  upsertMetricRollup: `INSERT INTO metric_rollups (series_id, level, bucket_ts, min, max, last, last_ts, count)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (series_id, level, bucket_ts) DO UPDATE SET
      min = min(min, excluded.min),
      max = max(max, excluded.max),
      last = CASE WHEN excluded.last_ts >= last_ts THEN excluded.last ELSE last END,
      last_ts = max(last_ts, excluded.last_ts),
      count = count + excluded.count`,
  upsertIncident: `INSERT INTO incidents (id, title, severity, status, started_at, detected_at, resolved_at, window_from, window_to, services_json, summary, updated_at)
    VALUES (@id, @title, @severity, @status, @startedAt, @detectedAt, @resolvedAt, @windowFrom, @windowTo, @services, @summary, @updatedAt)
    ON CONFLICT (id) DO UPDATE SET
      title = excluded.title, severity = excluded.severity, status = excluded.status,
      started_at = excluded.started_at, detected_at = excluded.detected_at, resolved_at = excluded.resolved_at,
      window_from = excluded.window_from, window_to = excluded.window_to,
      services_json = excluded.services_json, summary = excluded.summary, updated_at = excluded.updated_at`,
} as const;

/** Aggregation of raw rows into target buckets; `id` is the bare column of max(score): the bucket's top event. */
const RAW_BUCKETS = `SELECT CAST((ts - @from) / @step AS INTEGER) AS i, count(*) AS n, sum(status = 'error') AS e,
  sum(status = 'warn') AS w, total(tokens) AS tok, total(cost_usd) AS cost, max(score) AS s, id
  FROM events WHERE lane = @lane AND ts >= @lo AND ts < @hi`;
const SVC = 'AND service IN (SELECT value FROM json_each(@services))';

const READ_SQL = {
  findSeries: 'SELECT id FROM metric_series WHERE name = ? AND labels_key = ?',
  rawBuckets: `${RAW_BUCKETS} GROUP BY i`,
  rawBucketsSvc: `${RAW_BUCKETS} ${SVC} GROUP BY i`,
  /** Re-aggregation of one rollup level into target buckets (top_id is the bare column of max(top_score)). */
  rollupBuckets: `SELECT CAST((bucket_ts - @from) / @step AS INTEGER) AS i, sum(count) AS n, sum(errors) AS e,
    sum(warns) AS w, sum(tokens) AS tok, sum(cost_usd) AS cost, max(top_score) AS s, top_id
    FROM event_rollups WHERE lane = @lane AND level = @level AND bucket_ts >= @lo AND bucket_ts < @hi GROUP BY i`,
  rollupTotals: `SELECT total(count) AS n, total(errors) AS e FROM event_rollups
    WHERE lane = ? AND level = ? AND bucket_ts >= ? AND bucket_ts < ?`,
  rawTotals: "SELECT count(*) AS n, total(status = 'error') AS e FROM events WHERE lane = ? AND ts >= ? AND ts < ?",
  rawTotalsSvc: `SELECT count(*) AS n, total(status = 'error') AS e FROM events
    WHERE lane = @lane AND ts >= @lo AND ts < @hi ${SVC}`,
  rawItems: `SELECT ${EVENT_ITEM_COLS} FROM events WHERE lane = @lane AND ts >= @lo AND ts < @hi ORDER BY ts, id LIMIT @limit`,
  rawItemsSvc: `SELECT ${EVENT_ITEM_COLS} FROM events WHERE lane = @lane AND ts >= @lo AND ts < @hi ${SVC} ORDER BY ts, id LIMIT @limit`,
  itemsByIds: `SELECT ${EVENT_ITEM_COLS} FROM events WHERE id IN (SELECT value FROM json_each(?)) ORDER BY ts, id`,
  laneMetrics: 'SELECT DISTINCT name FROM metric_series WHERE lane = ? ORDER BY name',
  seriesOfMetric: 'SELECT id, name, labels_json, unit FROM metric_series WHERE lane = ? AND name = ? ORDER BY id LIMIT ?',
  /**
   * One series' rollup rows / raw points in time order (index order: no sort), as
   * [pixel, min, max, last, lastTs]; the caller folds them per pixel.
   */
  metricRollupRows: `SELECT CAST((bucket_ts - @from) / @step AS INTEGER), min, max, last, last_ts FROM metric_rollups
    WHERE series_id = @id AND level = @level AND bucket_ts >= @lo AND bucket_ts < @hi ORDER BY bucket_ts`,
  metricRawRows: `SELECT CAST((ts - @from) / @step AS INTEGER), value, value, value, ts FROM metric_points
    WHERE series_id = @id AND ts >= @lo AND ts < @hi ORDER BY ts`,
  eventById: 'SELECT id, ts, lane, trace_id, body FROM events WHERE id = ?',
  /** Same trace within the event's hour and the hours either side (see the events_trace index). */
  relatedByTrace: `SELECT ${EVENT_ITEM_COLS} FROM events
    WHERE ts / 3600000 IN (@hour - 1, @hour, @hour + 1) AND trace_id = @traceId AND id <> @id ORDER BY ts, id LIMIT 200`,
  /** One lane of the event list, keyset-paginated on (ts, id); the caller merges lanes. */
  listLane: `SELECT ${EVENT_ITEM_COLS}, severity FROM events
    WHERE lane = @lane AND ts >= @lo AND ts < @hi AND (ts > @afterTs OR (ts = @afterTs AND id > @afterId))
      AND (@problemsOnly = 0 OR status <> 'ok')
      AND (@like IS NULL OR name LIKE @like ESCAPE '\\')
    ORDER BY ts, id LIMIT @limit`,
  laneFirstTs: 'SELECT ts FROM events WHERE lane = ? ORDER BY ts LIMIT 1',
  laneLastTs: 'SELECT ts FROM events WHERE lane = ? ORDER BY ts DESC LIMIT 1',
  allSeriesIds: 'SELECT id FROM metric_series',
  seriesFirstTs: 'SELECT ts FROM metric_points WHERE series_id = ? ORDER BY ts LIMIT 1',
  seriesLastTs: 'SELECT ts FROM metric_points WHERE series_id = ? ORDER BY ts DESC LIMIT 1',
  eventCount: 'SELECT total(count) AS n FROM event_rollups WHERE level = ?',
  pointCount: 'SELECT total(count) AS n FROM metric_rollups WHERE level = ?',
  seriesCount: 'SELECT count(*) AS n FROM metric_series',
  incidentById: 'SELECT * FROM incidents WHERE id = ?',
  incidents: 'SELECT * FROM incidents ORDER BY started_at DESC, id',
} as const;

export type WriteStatements = { [K in keyof typeof WRITE_SQL]: Database.Statement };
export type ReadStatements = { [K in keyof typeof READ_SQL]: Database.Statement };

function prepareAll<T extends Record<string, string>>(db: Database.Database, sql: T): { [K in keyof T]: Database.Statement } {
  const out: Partial<Record<keyof T, Database.Statement>> = {};
  for (const key of Object.keys(sql) as (keyof T)[]) out[key] = db.prepare(sql[key] as string);
  return out as { [K in keyof T]: Database.Statement };
}

export function prepareReads(db: Database.Database): ReadStatements {
  return prepareAll(db, READ_SQL);
}

/** Write statements are only prepared on a writable connection. */
export function prepareWrites(db: Database.Database): WriteStatements {
  return prepareAll(db, WRITE_SQL);
}
