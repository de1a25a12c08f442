/**
 * The window query: the timeline asks for lanes over a time range at a pixel width and gets
 * back data already reduced to that resolution. The renderer never receives more than it can draw.
 */
import { z } from 'zod';
import { EventLaneId, MetricLaneId } from './lanes';

export const MAX_WIDTH_PX = 8192;
export const MAX_ITEMS_PER_LANE = 2000;

const epochMs = z.number().int().min(0).max(8_640_000_000_000);

export const LaneRequest = z.discriminatedUnion('type', [
  z.object({ type: z.literal('events'), lane: EventLaneId }),
  z.object({
    type: z.literal('metrics'),
    lane: MetricLaneId,
    /** Metric name to draw; omitted: the lane's default metric. */
    metric: z.string().max(256).optional(),
  }),
]);
export type LaneRequest = z.infer<typeof LaneRequest>;

export const WindowQuery = z
  .object({
    from: epochMs,
    to: epochMs,
    widthPx: z.number().int().min(1).max(MAX_WIDTH_PX),
    lanes: z.array(LaneRequest).min(1).max(16),
    /** Restrict events to these services (empty or omitted: all). */
    services: z.array(z.string().max(512)).max(64).optional(),
  })
  .refine((q) => q.to > q.from, { message: '`to` must be after `from`', path: ['to'] });
export type WindowQuery = z.infer<typeof WindowQuery>;

export const EventStatusCode = z.enum(['ok', 'warn', 'error']);
export type EventStatusCode = z.infer<typeof EventStatusCode>;

/** A compact event, enough to draw it and to show a hover card. */
export const EventItem = z.object({
  id: z.number().int(),
  ts: z.number(),
  durMs: z.number().nullable(),
  kind: z.enum(['llm_call', 'agent_action', 'span', 'log', 'alert', 'change']),
  service: z.string(),
  name: z.string(),
  status: EventStatusCode,
  tokens: z.number().nullable(),
  costUsd: z.number().nullable(),
});
export type EventItem = z.infer<typeof EventItem>;

/** Per-bucket aggregates, columnar: bucket i covers [t0 + i*step, t0 + (i+1)*step). */
export const EventBuckets = z.object({
  t0: z.number(),
  step: z.number().positive(),
  count: z.array(z.number()),
  errors: z.array(z.number()),
  warns: z.array(z.number()),
  tokens: z.array(z.number()),
  costUsd: z.array(z.number()),
});
export type EventBuckets = z.infer<typeof EventBuckets>;

export const EventLaneResult = z.object({
  type: z.literal('events'),
  lane: EventLaneId,
  /** Events in the window. */
  total: z.number().int(),
  /** 'items': every event in the window is in `items`; 'buckets': `items` holds only the most significant. */
  mode: z.enum(['items', 'buckets']),
  buckets: EventBuckets,
  items: z.array(EventItem).max(MAX_ITEMS_PER_LANE),
});
export type EventLaneResult = z.infer<typeof EventLaneResult>;

export const SeriesResult = z.object({
  id: z.number().int(),
  name: z.string(),
  labels: z.record(z.string(), z.string()),
  unit: z.string().nullable(),
  t0: z.number(),
  step: z.number().positive(),
  /** null where the bucket has no point. */
  min: z.array(z.number().nullable()),
  max: z.array(z.number().nullable()),
  last: z.array(z.number().nullable()),
});
export type SeriesResult = z.infer<typeof SeriesResult>;

export const MetricLaneResult = z.object({
  type: z.literal('metrics'),
  lane: MetricLaneId,
  metric: z.string().nullable(),
  /** Every metric name the lane has in the store, for the lane's picker. */
  metrics: z.array(z.string()),
  unit: z.string().nullable(),
  series: z.array(SeriesResult),
});
export type MetricLaneResult = z.infer<typeof MetricLaneResult>;

export const LaneResult = z.discriminatedUnion('type', [EventLaneResult, MetricLaneResult]);
export type LaneResult = z.infer<typeof LaneResult>;

export const WindowResult = z.object({
  from: z.number(),
  to: z.number(),
  widthPx: z.number().int(),
  bucketMs: z.number().positive(),
  /** Which stored resolution answered: 'raw' or a rollup level such as '10s'. */
  resolution: z.string(),
  lanes: z.array(LaneResult),
  tookMs: z.number(),
});
export type WindowResult = z.infer<typeof WindowResult>;
