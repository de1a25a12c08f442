/** How the postmortem writes times, durations, shares, tokens and money. Times are UTC, labelled. */

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** `2026-03-14 02:47:00 UTC` */
export function utc(ts: number): string {
  const d = new Date(ts);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;
}

/** `02:47:00`, or `2026-03-15 02:47:00` when `ts` is not on `dayOf`'s UTC day. */
export function clock(ts: number, dayOf: number): string {
  const d = new Date(ts);
  const t = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const sameDay = new Date(dayOf).toISOString().slice(0, 10) === d.toISOString().slice(0, 10);
  return sameDay ? t : `${d.toISOString().slice(0, 10)} ${t}`;
}

/** `45 s`, `5 min`, `5 min 30 s`, `1 h 02 min`, `3 d 4 h`. */
export function duration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return 'unknown';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  if (s < 3600) return s % 60 === 0 ? `${s / 60} min` : `${Math.floor(s / 60)} min ${pad(s % 60)} s`;
  const m = Math.round(s / 60);
  if (m < 24 * 60) return `${Math.floor(m / 60)} h ${pad(m % 60)} min`;
  const h = Math.round(m / 60);
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

export function percent(share: number): string {
  return `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`;
}

export function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function usd(v: number): string {
  if (v === 0) return '$0';
  if (v < 0.01) return `$${v.toFixed(4)}`;
  return `$${v.toFixed(2)}`;
}

/** One line, at most `max` characters (an ellipsis marks a cut). */
export function oneLine(s: string, max: number): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}
