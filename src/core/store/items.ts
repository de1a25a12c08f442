/** Mapping of compact event rows (statements' EVENT_ITEM_COLS) to EventItem. */
import type { EventKind } from '../../shared/events';
import type { EventItem, EventStatusCode } from '../../shared/window';

export interface ItemRow {
  id: number;
  ts: number;
  dur_ms: number | null;
  kind: EventKind;
  service: string;
  name: string;
  status: EventStatusCode;
  tokens: number | null;
  cost_usd: number | null;
}

export function toItem(r: ItemRow): EventItem {
  return {
    id: r.id,
    ts: r.ts,
    durMs: r.dur_ms,
    kind: r.kind,
    service: r.service,
    name: r.name,
    status: r.status,
    tokens: r.tokens,
    costUsd: r.cost_usd,
  };
}
