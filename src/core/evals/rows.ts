/** Stored events read back for the export: by id, by trace, and the bounded sweeps of the window. */
import type Database from 'better-sqlite3';
import type { AgentAction, EventInput, LlmCall } from '../../shared/events';

export interface Row {
  id: number;
  ts: number;
  event: EventInput;
}

interface RawRow {
  id: number;
  ts: number;
  body: string;
}

const HOUR = 3_600_000;
/** Events of one trace read at most (a trace longer than this is cut, oldest first kept). */
const TRACE_LIMIT = 500;

function parse(r: RawRow): Row | null {
  try {
    return { id: r.id, ts: r.ts, event: JSON.parse(r.body) as EventInput };
  } catch {
    return null;
  }
}

const parsed = (rows: RawRow[]): Row[] => rows.map(parse).filter((r): r is Row => r !== null);

export const isCall = (r: Row): r is Row & { event: LlmCall } => r.event.kind === 'llm_call';
export const isAction = (r: Row): r is Row & { event: AgentAction } => r.event.kind === 'agent_action';

/** Reads events by store id (in chunks), in time order. */
export function rowsByIds(db: Database.Database, ids: readonly number[]): Row[] {
  const stmt = db.prepare('SELECT id, ts, body FROM events WHERE id IN (SELECT value FROM json_each(?)) ORDER BY ts, id');
  const out: Row[] = [];
  for (let i = 0; i < ids.length; i += 500) out.push(...parsed(stmt.all(JSON.stringify(ids.slice(i, i + 500))) as RawRow[]));
  return out.sort((a, b) => a.ts - b.ts || a.id - b.id);
}

/** Reads traces once per export (the trace index is keyed by the hour, so the hours around `ts` are read). */
export class TraceReader {
  private readonly cache = new Map<string, Row[]>();
  private readonly stmt: Database.Statement;
  constructor(db: Database.Database) {
    this.stmt = db.prepare(`SELECT id, ts, body FROM events WHERE ts / ${HOUR} IN (?, ?, ?) AND trace_id = ? ORDER BY ts, id LIMIT ${TRACE_LIMIT}`);
  }
  of(traceId: string | undefined, ts: number): Row[] {
    if (traceId === undefined || traceId === '') return [];
    const hit = this.cache.get(traceId);
    if (hit !== undefined) return hit;
    const h = Math.floor(ts / HOUR);
    const rows = parsed(this.stmt.all(h - 1, h, h + 1, traceId) as RawRow[]);
    if (this.cache.size > 5_000) this.cache.clear();
    this.cache.set(traceId, rows);
    return rows;
  }
}

/** The model call of the trace that decided an action: the last one that started before it. */
export function callBefore(trace: readonly Row[], ts: number): (Row & { event: LlmCall }) | null {
  let found: (Row & { event: LlmCall }) | null = null;
  for (const r of trace) if (isCall(r) && r.ts <= ts) found = r;
  return found;
}

/** The model call of the trace that read what an action returned: the first one after it. */
export function callAfter(trace: readonly Row[], ts: number): (Row & { event: LlmCall }) | null {
  return (trace.find((r) => isCall(r) && r.ts > ts) as (Row & { event: LlmCall }) | undefined) ?? null;
}

/** Evenly spaced picks of at most `n` items (first and last kept), in their order. */
export function spread<T>(items: readonly T[], n: number): T[] {
  if (items.length <= n) return [...items];
  if (n <= 0) return [];
  if (n === 1) return [items[0] as T];
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(items[Math.round((i * (items.length - 1)) / (n - 1))] as T);
  return out;
}
