/** The card for the item under the pointer; details arrive from `events.get` (cached). */
import type { JSX } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { LaneId } from '../../shared/lanes';
import { LANE_LABEL } from '../../shared/lanes';
import type { EventItem } from '../../shared/window';
import { call } from '../api/client';
import { detailLines, itemLines } from './hoverText';

export interface HoverState {
  item: EventItem;
  lane: LaneId;
  /** Position inside the timeline body (CSS px). */
  left: number;
  top: number;
  /** Flip to the left of the pointer when near the right edge. */
  flip: boolean;
}

export function HoverCard({ hover }: { hover: HoverState }): JSX.Element {
  const { item } = hover;
  const detail = useQuery({
    queryKey: ['events.get', item.id],
    queryFn: () => call('events.get', { id: item.id }),
    staleTime: Infinity,
    enabled: item.id >= 1,
  });
  const lines = detail.data ? detailLines(detail.data) : [];
  // Once the full event is here, keep only when and where from the compact item.
  const base = detail.data ? itemLines(item).filter(([k]) => k === 'time' || k === 'service') : itemLines(item);
  return (
    <div
      className="tl-hover"
      data-testid="timeline-hover"
      role="tooltip"
      style={{ left: hover.left, top: hover.top, transform: hover.flip ? 'translateX(-100%)' : undefined }}
    >
      <div className={`tl-hover-title tl-status-${item.status}`}>
        <span className="tl-hover-lane">{LANE_LABEL[hover.lane]}</span> {item.name}
      </div>
      <dl>
        {[...lines, ...base].map(([k, v]) => (
          <div key={k} className="tl-hover-row">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {detail.isLoading ? <div className="tl-muted">loading…</div> : null}
    </div>
  );
}
