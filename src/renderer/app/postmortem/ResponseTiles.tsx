/** Time to detect, to context, to mitigate and to resolve: the figure, and what it was measured from (or why it is unknown). */
import type { ResponseMeasure } from '../../../shared/postmortem';
import { formatDuration } from '../format';

export function ResponseTiles(props: { measures: readonly ResponseMeasure[] }) {
  return (
    <ul className="pm-tiles" aria-label="Response times">
      {props.measures.map((m) => (
        <li key={m.key} className="pm-tile" data-testid={`pm-tile-${m.key}`} title={m.note}>
          <span className="pm-tile-label">{m.label}</span>
          <strong className={m.ms === null ? 'pm-tile-value muted' : 'pm-tile-value'}>{m.ms === null ? 'unknown' : formatDuration(m.ms)}</strong>
          <span className="pm-tile-note">{m.note}</span>
        </li>
      ))}
    </ul>
  );
}
