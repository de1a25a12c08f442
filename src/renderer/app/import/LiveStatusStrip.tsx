/**
 * A one-line strip under the top bar while connected sources are polled for the open incident:
 * which answered and which failed, with the error in words. Hidden when nothing is connected.
 */
import type { LiveStatus } from '../../../shared/contract-ingest';

function ago(ts: number | null, now: number): string {
  if (ts === null) return 'not yet polled';
  const s = Math.max(0, Math.round((now - ts) / 1000));
  return s < 60 ? `${s}s ago` : `${Math.round(s / 60)}m ago`;
}

export function LiveStatusStrip(props: { status: LiveStatus | null; now?: number }) {
  const sources = props.status?.sources ?? [];
  if (sources.length === 0) return null;
  const now = props.now ?? Date.now();
  const failing = sources.filter((s) => !s.ok);
  return (
    <div className={`live-strip${failing.length > 0 ? ' live-strip-failing' : ''}`} data-testid="live-status" role="status">
      <strong>Live</strong>
      <span>
        {sources.length - failing.length} of {sources.length} sources answering
      </span>
      {sources.map((s) => (
        <span key={s.connectionId} className={s.ok ? 'live-ok' : 'live-failed'} title={s.error ?? undefined}>
          {s.name ?? s.connectionId}: {s.ok ? ago(s.lastPoll, now) : (s.error ?? 'failed')}
        </span>
      ))}
    </div>
  );
}
