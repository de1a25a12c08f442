/** Messages between the threaded writer (./writer-thread.ts) and its worker (./writer-worker.ts). */
import type { MetricSeriesInput } from '../../shared/events';
import type { IngestStats } from './api';
import type { EventRow } from './derive';

export type ToWriter = { type: 'write'; seq: number; rows: EventRow[]; series: MetricSeriesInput[] } | { type: 'close' };

export type FromWriter =
  | { type: 'ready' }
  | { type: 'open_failed'; message: string }
  | { type: 'done'; seq: number; stats: IngestStats }
  | { type: 'failed'; seq: number; message: string; code: string | null }
  | { type: 'closed' };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The worker is our own code, but a message is still checked before it is trusted. */
export function parseFromWriter(v: unknown): FromWriter | null {
  if (!isObj(v) || typeof v.type !== 'string') return null;
  switch (v.type) {
    case 'ready':
    case 'closed':
      return { type: v.type };
    case 'open_failed':
      return typeof v.message === 'string' ? { type: 'open_failed', message: v.message } : null;
    case 'done': {
      const s = v.stats;
      if (typeof v.seq !== 'number' || !isObj(s)) return null;
      const n = (k: string): number => (typeof s[k] === 'number' ? (s[k] as number) : 0);
      return { type: 'done', seq: v.seq, stats: { events: n('events'), duplicates: n('duplicates'), points: n('points'), series: n('series') } };
    }
    case 'failed':
      if (typeof v.seq !== 'number' || typeof v.message !== 'string') return null;
      return { type: 'failed', seq: v.seq, message: v.message, code: typeof v.code === 'string' ? v.code : null };
    default:
      return null;
  }
}
