/** A lane's header: label, counts for the view, collapse toggle and, for metric lanes, the metric picker. */
import type { JSX } from 'react';
import { isMetricLane, LANE_LABEL, type LaneId } from '../../shared/lanes';
import { useUi } from '../state/ui';
import { formatCount } from './format';
import type { PreparedLane } from './prepare';
import type { LaneSummary } from './summary';

export interface LaneHeaderProps {
  lane: LaneId;
  collapsed: boolean;
  data: PreparedLane | undefined;
  summary: LaneSummary | null;
}

export function LaneHeader({ lane, collapsed, data, summary }: LaneHeaderProps): JSX.Element {
  const toggleLane = useUi((s) => s.toggleLane);
  const chooseMetric = useUi((s) => s.chooseMetric);
  const label = LANE_LABEL[lane];
  return (
    <div className="tl-lane-header">
      <div className="tl-lane-title">
        <button
          type="button"
          className="tl-collapse"
          aria-expanded={!collapsed}
          aria-label={`${collapsed ? 'Expand' : 'Collapse'} ${label}`}
          title={`${collapsed ? 'Expand' : 'Collapse'} ${label}`}
          onClick={() => toggleLane(lane)}
        >
          {collapsed ? '▸' : '▾'}
        </button>
        <span className="tl-lane-label">{label}</span>
      </div>
      {!collapsed && summary && data?.type === 'events' ? (
        <div className="tl-lane-summary" data-testid={`lane-summary-${lane}`}>
          <span>{formatCount(summary.count)}</span>
          {summary.errors > 0 ? <span className="tl-status-error"> · {formatCount(summary.errors)} err</span> : null}
          {summary.warns > 0 ? <span className="tl-status-warn"> · {formatCount(summary.warns)} warn</span> : null}
        </div>
      ) : null}
      {!collapsed && isMetricLane(lane) && data?.type === 'metrics' ? (
        <div className="tl-lane-summary">
          {data.metrics.length > 0 ? (
            <select
              className="tl-metric-picker"
              aria-label={`${label} metric`}
              data-testid={`metric-picker-${lane}`}
              value={data.metric ?? ''}
              onChange={(e) => chooseMetric(lane, e.target.value)}
            >
              {data.metrics.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          ) : (
            <span className="tl-muted">no metrics</span>
          )}
          {data.unit ? <span className="tl-muted"> {data.unit}</span> : null}
        </div>
      ) : null}
    </div>
  );
}
