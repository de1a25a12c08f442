/** Other events of the same trace; clicking one selects it. */
import type { EventItem } from '../../../shared/window';
import { useUi } from '../../state/ui';
import { formatClock, formatDuration } from '../format';
import { KIND_LABEL } from './kindLabel';

export function RelatedList(props: { items: readonly EventItem[]; currentId: number }) {
  const selectEvent = useUi((s) => s.selectEvent);
  const items = props.items.filter((i) => i.id !== props.currentId);
  if (items.length === 0) return null;
  return (
    <ul className="related">
      {items.map((i) => (
        <li key={i.id}>
          <button type="button" className={`related-item tone-border-${i.status}`} onClick={() => selectEvent(i.id)}>
            <span className="mono">{formatClock(i.ts)}</span>
            <span className="kind">{KIND_LABEL[i.kind]}</span>
            <span className={`related-name${i.status === "ok" ? "" : ` tone-text-${i.status}`}`}>{i.name}</span>
            {i.durMs !== null ? <span className="muted">{formatDuration(i.durMs)}</span> : null}
          </button>
        </li>
      ))}
    </ul>
  );
}
