/** Reading single events and paginated event lists. */
import { EventListQuery, type EventDetail, type EventListPage, type EventListRow } from '../../shared/contract';
import { EventInput } from '../../shared/events';
import { EventLaneId, LANE_OF_KIND } from '../../shared/lanes';
import { toItem, type ItemRow } from './items';
import type { ReadStatements } from './statements';

export function getEvent(reads: ReadStatements, id: number): EventDetail | null {
  const row = reads.eventById.get(id) as { id: number; ts: number; lane: string; trace_id: string | null; body: string } | undefined;
  if (row === undefined) return null;
  const event = EventInput.parse(JSON.parse(row.body));
  const related =
    row.trace_id === null
      ? []
      : (reads.relatedByTrace.all({ hour: Math.floor(row.ts / 3_600_000), traceId: row.trace_id, id: row.id }) as ItemRow[]).map(toItem);
  return { id: row.id, lane: EventLaneId.parse(row.lane), event, related };
}

/** LIKE pattern for a case-insensitive substring, with %, _ and the escape character escaped. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function cmp(a: EventListRow, b: EventListRow): number {
  return a.ts - b.ts || a.id - b.id;
}

/**
 * Keyset pagination on (ts, id) ascending. Each kind is its own lane, read through the
 * (lane, ts) index from the cursor on; the lanes' pages are merged here.
 */
export function listEvents(reads: ReadStatements, input: EventListQuery): EventListPage {
  const q = EventListQuery.parse(input);
  const kinds = q.kinds ?? (Object.keys(LANE_OF_KIND) as (keyof typeof LANE_OF_KIND)[]);
  const lanes = [...new Set(kinds.map((k) => LANE_OF_KIND[k]))];
  const after = q.after;
  const params = {
    lo: after === undefined ? q.from : Math.max(q.from, after.ts),
    hi: q.to,
    afterTs: after?.ts ?? -1,
    afterId: after?.id ?? -1,
    problemsOnly: q.problemsOnly === true ? 1 : 0,
    like: q.text !== undefined && q.text.length > 0 ? likePattern(q.text) : null,
    limit: q.limit + 1,
  };
  const merged: EventListRow[] = [];
  for (const lane of lanes) {
    for (const r of reads.listLane.all({ ...params, lane }) as (ItemRow & { severity: string | null })[]) {
      merged.push({ ...toItem(r), severity: r.severity });
    }
  }
  merged.sort(cmp);
  const rows = merged.slice(0, q.limit);
  const last = rows[rows.length - 1];
  const next = merged.length > q.limit && last !== undefined ? { ts: last.ts, id: last.id } : null;
  return { rows, next };
}
