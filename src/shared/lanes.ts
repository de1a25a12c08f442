/** The timeline's lanes, in display order, and which events/metrics feed each. */
import { z } from 'zod';
import type { EventKind } from './events';

export const EventLaneId = z.enum(['alerts', 'changes', 'llm', 'agent', 'traces', 'logs']);
export type EventLaneId = z.infer<typeof EventLaneId>;
export const MetricLaneId = z.enum(['gpu', 'inference', 'infra']);
export type MetricLaneId = z.infer<typeof MetricLaneId>;
export const LaneId = z.enum(['alerts', 'changes', 'llm', 'agent', 'traces', 'gpu', 'inference', 'infra', 'logs']);
export type LaneId = z.infer<typeof LaneId>;

export const LANE_ORDER: readonly LaneId[] = LaneId.options;

export const LANE_OF_KIND: Record<EventKind, EventLaneId> = {
  alert: 'alerts',
  change: 'changes',
  llm_call: 'llm',
  agent_action: 'agent',
  span: 'traces',
  log: 'logs',
};

export const LANE_LABEL: Record<LaneId, string> = {
  alerts: 'Alerts',
  changes: 'Changes',
  llm: 'LLM calls',
  agent: 'Agent actions',
  traces: 'Traces',
  gpu: 'GPU',
  inference: 'Inference',
  infra: 'Infra',
  logs: 'Logs',
};

export function isMetricLane(l: LaneId): l is MetricLaneId {
  return l === 'gpu' || l === 'inference' || l === 'infra';
}
