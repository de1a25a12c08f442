/**
 * Versioned schema migrations. Append only: never edit a migration that has shipped; add a new one.
 * Applied versions are recorded in `schema_migrations`; a database newer than this code is refused.
 */
import type Database from 'better-sqlite3';
import { flagsOf } from './flags';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Runs after `sql`, in the same transaction: for data changes SQL alone cannot make. */
  up?: (db: Database.Database) => void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'events and event rollups',
    sql: `
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  ts INTEGER NOT NULL,
  dur_ms REAL,
  kind TEXT NOT NULL,
  lane TEXT NOT NULL,
  service TEXT NOT NULL,
  name TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('ok', 'warn', 'error')),
  score REAL NOT NULL,
  severity TEXT,
  tokens INTEGER,
  cost_usd REAL,
  trace_id TEXT,
  span_id TEXT,
  external_id TEXT,
  body TEXT NOT NULL
);
CREATE INDEX events_lane_ts ON events (lane, ts);
-- Both keyed by the hour first, so a time-ordered load appends to a small region of each index
-- instead of rewriting random pages of all of it at every commit. Dedup therefore applies to
-- re-imports of the same event (same kind, externalId and hour), which is what it is for.
CREATE UNIQUE INDEX events_dedup ON events (ts / 3600000, kind, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX events_trace ON events (ts / 3600000, trace_id) WHERE trace_id IS NOT NULL;
CREATE TABLE event_rollups (
  lane TEXT NOT NULL,
  level INTEGER NOT NULL,
  bucket_ts INTEGER NOT NULL,
  count INTEGER NOT NULL,
  errors INTEGER NOT NULL,
  warns INTEGER NOT NULL,
  tokens INTEGER NOT NULL,
  cost_usd REAL NOT NULL,
  top_id INTEGER NOT NULL,
  top_score REAL NOT NULL,
  PRIMARY KEY (lane, level, bucket_ts)
) WITHOUT ROWID;
`,
  },
  {
    version: 2,
    name: 'metric series, points and rollups',
    sql: `
CREATE TABLE metric_series (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  labels_json TEXT NOT NULL,
  labels_key TEXT NOT NULL,
  lane TEXT NOT NULL,
  unit TEXT,
  UNIQUE (name, labels_key)
);
CREATE INDEX metric_series_lane ON metric_series (lane, name);
CREATE TABLE metric_points (
  series_id INTEGER NOT NULL REFERENCES metric_series (id),
  ts INTEGER NOT NULL,
  value REAL NOT NULL
);
CREATE INDEX metric_points_series_ts ON metric_points (series_id, ts);
CREATE TABLE metric_rollups (
  series_id INTEGER NOT NULL,
  level INTEGER NOT NULL,
  bucket_ts INTEGER NOT NULL,
  min REAL NOT NULL,
  max REAL NOT NULL,
  last REAL NOT NULL,
  last_ts INTEGER NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (series_id, level, bucket_ts)
) WITHOUT ROWID;
`,
  },
  {
    version: 3,
    name: 'incidents',
    sql: `
CREATE TABLE incidents (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  severity TEXT NOT NULL,
  status TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  detected_at INTEGER,
  resolved_at INTEGER,
  window_from INTEGER NOT NULL,
  window_to INTEGER NOT NULL,
  services_json TEXT NOT NULL,
  summary TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
`,
  },
  {
    version: 4,
    name: 'analyses and hypothesis decisions',
    sql: `
CREATE TABLE analyses (
  id TEXT PRIMARY KEY,
  incident_id TEXT,
  window_from INTEGER NOT NULL,
  window_to INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  engine_version TEXT NOT NULL,
  verdict TEXT NOT NULL,
  signature_json TEXT NOT NULL,
  result_json TEXT NOT NULL
);
CREATE INDEX analyses_incident ON analyses (incident_id, window_from, window_to, created_at);
CREATE TABLE hypothesis_decisions (
  id INTEGER PRIMARY KEY,
  analysis_id TEXT NOT NULL REFERENCES analyses (id) ON DELETE CASCADE,
  hypothesis_id TEXT NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('accepted', 'rejected', 'proposed')),
  reason TEXT,
  actor TEXT NOT NULL,
  decided_at INTEGER NOT NULL
);
CREATE INDEX hypothesis_decisions_analysis ON hypothesis_decisions (analysis_id, id);
`,
  },
  {
    version: 5,
    name: 'ingest-time event flags; lane index covering the analysis aggregates',
    // The lane index now carries the columns the per-bucket lane aggregates read, so an analysis
    // over 1M events reads the index and never the rows (and their bodies). `flags` holds the
    // injection prefilter computed at ingest; the partial index finds flagged rows directly.
    sql: `
ALTER TABLE events ADD COLUMN flags INTEGER;
DROP INDEX events_lane_ts;
CREATE INDEX events_lane_ts ON events (lane, ts, service, name, status, dur_ms, tokens, cost_usd);
CREATE INDEX events_flagged ON events (lane, ts) WHERE flags > 0;
`,
    up(db) {
      // Rows stored before this version: compute their flags from their bodies, lane by lane.
      db.function('sitrep_flags_of', { deterministic: true }, (lane: unknown, body: unknown) =>
        typeof lane === 'string' && typeof body === 'string' ? flagsOf(lane, body) : null,
      );
      db.exec("UPDATE events SET flags = sitrep_flags_of(lane, body) WHERE lane IN ('llm', 'agent')");
    },
  },
  {
    version: 6,
    name: 'review copies opened from bundles, and their journal entries',
    // A review copy is an incident opened from a review bundle (core/bundle): read-only, shown
    // with who exported it. Its journal entries are the bundle's, kept apart from the local chain.
    sql: `
CREATE TABLE review_copies (
  incident_id TEXT PRIMARY KEY,
  original_id TEXT NOT NULL,
  exporter_id TEXT NOT NULL,
  exporter_name TEXT NOT NULL,
  exporter_key TEXT NOT NULL,
  exported_at INTEGER NOT NULL,
  sitrep_version TEXT NOT NULL,
  bundle_sha256 TEXT NOT NULL UNIQUE,
  opened_at INTEGER NOT NULL,
  journal_json TEXT NOT NULL
);
CREATE TABLE review_journal (
  incident_id TEXT NOT NULL REFERENCES review_copies (incident_id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  ts INTEGER NOT NULL,
  kind TEXT NOT NULL,
  actor TEXT NOT NULL,
  hash TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  payload_json TEXT NOT NULL,
  PRIMARY KEY (incident_id, seq)
) WITHOUT ROWID;
`,
  },
  {
    version: 7,
    name: 'postmortem drafts and the commander edits of their sections',
    // One stored draft per incident (core/postmortem), and the commander's text per section with
    // a digest of the generated text it replaced (so a regeneration can say the data changed).
    sql: `
CREATE TABLE postmortem_drafts (
  incident_id TEXT PRIMARY KEY,
  draft_json TEXT NOT NULL,
  generated_at INTEGER NOT NULL
);
CREATE TABLE postmortem_edits (
  incident_id TEXT NOT NULL,
  section TEXT NOT NULL,
  text TEXT NOT NULL,
  actor TEXT NOT NULL,
  edited_at INTEGER NOT NULL,
  base_digest TEXT NOT NULL,
  PRIMARY KEY (incident_id, section)
) WITHOUT ROWID;
`,
  },
];

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at INTEGER NOT NULL
)`;

export function latestVersion(migrations: readonly Migration[] = MIGRATIONS): number {
  return migrations.reduce((v, m) => Math.max(v, m.version), 0);
}

/** The highest applied version, 0 for a fresh database. */
export function currentVersion(db: Database.Database): number {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (table === undefined) return 0;
  const row = db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

export class SchemaTooNewError extends Error {
  constructor(found: number, known: number) {
    super(
      `This store was written by a newer Sitrep (schema version ${found}; this build knows up to ${known}). ` +
        'Open it with a newer Sitrep; refusing to touch it.',
    );
    this.name = 'SchemaTooNewError';
  }
}

/** Refuses a database newer than the code; read-only callers also need it fully migrated. */
export function checkVersion(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  const found = currentVersion(db);
  const known = latestVersion(migrations);
  if (found > known) throw new SchemaTooNewError(found, known);
  return found;
}

/** Applies every pending migration, each in its own transaction. Returns the versions applied. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const found = checkVersion(db, migrations);
  db.exec(CREATE_TABLE);
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const applied: number[] = [];
  const pending = [...migrations].filter((m) => m.version > found).sort((a, b) => a.version - b.version);
  for (const m of pending) {
    db.transaction(() => {
      db.exec(m.sql);
      m.up?.(db);
      record.run(m.version, m.name, Date.now());
    })();
    applied.push(m.version);
  }
  return applied;
}
