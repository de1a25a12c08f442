/**
 * Queries whose text is the evidence: every value is inlined as a SQL literal, so the text an
 * Evidence carries is exactly what ran (and can be pasted into sqlite3 to reproduce it).
 */
import type Database from 'better-sqlite3';

export type SqlValue = string | number | null;

/** A SQL literal: integers as is, other numbers in full precision, strings single-quoted. */
export function lit(v: SqlValue): string {
  if (v === null) return 'NULL';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new RangeError('non-finite number in a query');
    return Number.isInteger(v) ? String(v) : v.toPrecision(17);
  }
  return `'${v.replaceAll("'", "''")}'`;
}

/** `IN (…)` list of literals (never empty: an empty list becomes `(NULL)`). */
export function litList(vs: readonly SqlValue[]): string {
  return vs.length === 0 ? '(NULL)' : `(${vs.map(lit).join(', ')})`;
}

/** Tagged template: interpolated values become literals. `raw()` passes trusted SQL fragments. */
export function sql(parts: TemplateStringsArray, ...vals: (SqlValue | RawSql)[]): string {
  let out = parts[0] ?? '';
  vals.forEach((v, i) => {
    out += (v instanceof RawSql ? v.text : lit(v)) + (parts[i + 1] ?? '');
  });
  return out.replace(/\s+/g, ' ').trim();
}

export class RawSql {
  constructor(readonly text: string) {}
}
export const raw = (text: string): RawSql => new RawSql(text);

/** Runs a query text (statements cached per connection and text). */
export function all<T>(db: Database.Database, text: string): T[] {
  return statement(db, text).all() as T[];
}

export function get<T>(db: Database.Database, text: string): T | undefined {
  return statement(db, text).get() as T | undefined;
}

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();
function statement(db: Database.Database, text: string): Database.Statement {
  let m = cache.get(db);
  if (m === undefined) {
    m = new Map();
    cache.set(db, m);
  }
  let s = m.get(text);
  if (s === undefined) {
    if (m.size > 500) m.clear();
    s = db.prepare(text);
    m.set(text, s);
  }
  return s;
}

/**
 * Condition keeping about 1 row in `stride`, by a multiplicative hash of the row id (plain
 * `id % k` aliases with periodic writers: a generator emitting 6 events per tick puts every
 * client span on the same residue).
 */
export function sampleWhere(stride: number): string {
  const k = Math.max(1, Math.floor(stride));
  return k === 1 ? '1' : `((id * 2654435761) % 4294967291) % ${k} = 0`;
}
