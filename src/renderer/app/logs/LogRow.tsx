import type { EventListRow } from '../../../shared/contract';
import { formatClock } from '../format';
import { KIND_LABEL } from '../details/kindLabel';
import { severityTone } from '../details/LogBody';

export function LogRow(props: { row: EventListRow; selected: boolean; onSelect: (id: number) => void }) {
  const { row } = props;
  const tone = row.severity !== null ? severityTone(row.severity) : row.status === 'ok' ? 'muted' : row.status;
  const label = row.severity !== null ? row.severity.toUpperCase() : KIND_LABEL[row.kind];
  return (
    <div
      role="option"
      aria-selected={props.selected}
      className={`log-row tone-row-${tone}${props.selected ? ' selected' : ''}`}
      data-event-id={row.id}
      onClick={() => props.onSelect(row.id)}
      title={row.name}
    >
      <span className="log-time mono">{formatClock(row.ts)}</span>
      <span className={`log-sev tone-text-${tone}`}>{label}</span>
      <span className="log-service">{row.service}</span>
      <span className="log-body mono">{row.name}</span>
    </div>
  );
}
