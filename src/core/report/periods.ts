/** Calendar periods (UTC) for the report's trends: ISO weeks (`2026-W11`) or months (`2026-03`). */

export type Granularity = 'week' | 'month';

const DAY = 86_400_000;

/** Monday 00:00 UTC of the ISO week holding `t`. */
function weekStart(t: number): number {
  const d = new Date(Math.floor(t / DAY) * DAY);
  const dow = (d.getUTCDay() + 6) % 7; // Monday = 0
  return d.getTime() - dow * DAY;
}

function isoWeekKey(start: number): string {
  // The ISO week-numbering year is the year of the week's Thursday.
  const thursday = new Date(start + 3 * DAY);
  const year = thursday.getUTCFullYear();
  const jan4 = Date.UTC(year, 0, 4);
  const week = 1 + Math.round((start - weekStart(jan4)) / (7 * DAY));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export interface Period {
  key: string;
  from: number;
}

export function periodOf(t: number, g: Granularity): Period {
  if (g === 'week') {
    const from = weekStart(t);
    return { key: isoWeekKey(from), from };
  }
  const d = new Date(t);
  const from = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  return { key: `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`, from };
}

function next(p: Period, g: Granularity): Period {
  if (g === 'week') return periodOf(p.from + 7 * DAY, g);
  const d = new Date(p.from);
  return periodOf(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1), g);
}

/** Every period from the one holding `from` to the one holding `to`, at most `max` (else null). */
export function periodsBetween(from: number, to: number, g: Granularity, max = 1_000): Period[] | null {
  const out: Period[] = [];
  const last = periodOf(to, g).key;
  for (let p = periodOf(from, g); ; p = next(p, g)) {
    out.push(p);
    if (p.key === last) return out;
    if (out.length >= max) return null;
  }
}

/** Weeks for up to half a year of incidents, months beyond. */
export function autoGranularity(times: readonly number[]): Granularity {
  if (times.length < 2) return 'week';
  const span = Math.max(...times) - Math.min(...times);
  return span > 26 * 7 * DAY ? 'month' : 'week';
}
