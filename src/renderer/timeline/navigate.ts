/** Choosing the next/previous significant event for `]` / `[`. Pure. */
import type { EventItem } from '../../shared/window';
import type { PreparedWindow } from './prepare';

/** Errors, warnings, alerts and changes: what an incident commander steps through. */
export function isSignificant(it: EventItem): boolean {
  return it.status !== 'ok' || it.kind === 'alert' || it.kind === 'change';
}

/** Every item of the window sorted by (ts, id); significant ones only when there are any. */
export function navigationList(data: PreparedWindow, from: number, to: number): EventItem[] {
  const all: EventItem[] = [];
  for (const l of data.lanes) if (l.type === 'events') for (const it of l.items) if (it.ts >= from && it.ts <= to) all.push(it);
  const sig = all.filter(isSignificant);
  const list = sig.length > 0 ? sig : all;
  return list.sort((a, b) => a.ts - b.ts || a.id - b.id);
}

/**
 * The item after (dir 1) or before (dir -1) the current one in a (ts, id)-sorted list. With no
 * current item (or one not in the list), the reference is `refTs`: the first item at/after it
 * going forward, the last at/before it going back. Null at either end.
 */
export function pickAdjacent(list: readonly EventItem[], current: { id: number; ts: number } | null, refTs: number, dir: 1 | -1): EventItem | null {
  if (list.length === 0) return null;
  const key = current ?? { id: dir === 1 ? -Infinity : Infinity, ts: refTs };
  const after = (it: EventItem): boolean => it.ts > key.ts || (it.ts === key.ts && it.id > key.id);
  const before = (it: EventItem): boolean => it.ts < key.ts || (it.ts === key.ts && it.id < key.id);
  if (dir === 1) {
    for (const it of list) if (after(it)) return it;
    return null;
  }
  for (let i = list.length - 1; i >= 0; i--) {
    const it = list[i] as EventItem;
    if (before(it)) return it;
  }
  return null;
}
