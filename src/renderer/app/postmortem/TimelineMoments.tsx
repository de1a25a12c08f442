/**
 * The postmortem's timeline lines as buttons: each jumps the incident timeline to ten minutes
 * around its moment (and selects its event when it has one), like a hypothesis' evidence does.
 */
import type { TimelineLine } from '../../../shared/postmortem';
import { useUi } from '../../state/ui';
import { formatUtc } from '../format';

const MIN = 60_000;

const KIND_LABEL: Record<TimelineLine['kind'], string> = {
  milestone: 'milestone',
  alert: 'alert',
  change: 'change',
  hypothesis: 'hypothesis',
  decision: 'decision',
  action: 'action',
  note: 'note',
};

/** `02:47:00`, with the date in front when the moment is not on the incident's day. */
function when(ts: number, day: number): string {
  const full = formatUtc(ts);
  return full.slice(0, 10) === formatUtc(day).slice(0, 10) ? full.slice(11, 19) : full.slice(0, 19);
}

export function TimelineMoments(props: { lines: readonly TimelineLine[]; day: number; onJump(): void }) {
  const setView = useUi((s) => s.setView);
  const selectEvent = useUi((s) => s.selectEvent);
  if (props.lines.length === 0) return <p className="muted">Nothing recorded.</p>;
  const jump = (l: TimelineLine): void => {
    setView({ from: l.ts - 5 * MIN, to: l.ts + 5 * MIN });
    selectEvent(l.eventId);
    props.onJump();
  };
  return (
    <ol className="pm-moments" aria-label="Timeline moments: choose one to see it on the timeline">
      {props.lines.map((l, i) => (
        <li key={`${l.ts}-${i}`}>
          <button type="button" className="pm-moment" onClick={() => jump(l)} title="Show this moment on the timeline" data-testid="pm-moment" data-kind={l.kind} data-event-id={l.eventId ?? ''}>
            <span className="pm-moment-time">{when(l.ts, props.day)}</span>
            <span className={`pm-kind pm-kind-${l.kind}`}>{KIND_LABEL[l.kind]}</span>
            <span className="pm-moment-text">{l.text}</span>
            {l.journalSeq !== null ? <span className="pm-ref">journal #{l.journalSeq}</span> : null}
          </button>
        </li>
      ))}
    </ol>
  );
}
