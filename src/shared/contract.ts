/**
 * The one contract between the renderer and the core. Every call and every push event is
 * declared here once, with its schemas; both hosts (Electron IPC and the browser host's
 * HTTP + WebSocket transport) serve exactly this table through one registration loop.
 */
import { z } from 'zod';
import { EventInput, EVENT_KINDS, type EventKind } from './events';
import { type Incident, IncidentSummary } from './incident';
import { analysisChannels } from './contract-analysis';
import { connectionChannels } from './contract-connections';
import { governanceChannels, governancePushEvents } from './contract-governance';
import { ingestChannels, ingestPushEvents } from './contract-ingest';
import { modelChannels, modelPushEvents } from './contract-model';
import { remediationChannels } from './contract-remediation';
import { presentationChannels } from './contract-presentation';
import { shareChannels, sharePushEvents } from './contract-share';
import { bundleChannels } from './contract-bundle';
import { evalsChannels } from './contract-evals';
import { postmortemChannels } from './contract-postmortem';
import { EventLaneId } from './lanes';
import { EventItem, WindowQuery, WindowResult } from './window';

const Empty = z.object({}).strict();
const epochMs = z.number().int().min(0).max(8_640_000_000_000);

export const AppInfo = z.object({
  name: z.literal('Sitrep'),
  version: z.string(),
  host: z.enum(['electron', 'browser']),
  store: z.object({ path: z.string(), events: z.number().int(), series: z.number().int(), points: z.number().int() }),
  readOnly: z.boolean(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const EventDetail = z.object({
  id: z.number().int(),
  lane: EventLaneId,
  event: EventInput,
  /** Other events of the same trace (for spans, LLM calls and tool calls), compact. */
  related: z.array(EventItem).max(200),
});
export type EventDetail = z.infer<typeof EventDetail>;

export const EventCursor = z.object({ ts: epochMs, id: z.number().int().min(0) });
export type EventCursor = z.infer<typeof EventCursor>;

export const EventListQuery = z
  .object({
    from: epochMs,
    to: epochMs,
    kinds: z.array(z.enum(EVENT_KINDS)).max(EVENT_KINDS.length).optional(),
    /** Only events whose status is warn or error. */
    problemsOnly: z.boolean().optional(),
    /** Case-insensitive substring of the event's name (log body, tool, model…). */
    text: z.string().max(256).optional(),
    after: EventCursor.optional(),
    limit: z.number().int().min(1).max(500).default(200),
  })
  .refine((q) => q.to > q.from, { message: '`to` must be after `from`', path: ['to'] });
export type EventListQuery = z.input<typeof EventListQuery>;

export const EventListRow = EventItem.extend({ severity: z.string().nullable() });
export type EventListRow = z.infer<typeof EventListRow>;
export const EventListPage = z.object({
  rows: z.array(EventListRow),
  /** Pass as `after` for the next page; null at the end. */
  next: EventCursor.nullable(),
});
export type EventListPage = z.infer<typeof EventListPage>;

const coreChannels = {
  'app.info': { input: Empty, output: AppInfo },
  'incidents.list': { input: Empty, output: z.array(IncidentSummary) },
  'incidents.get': { input: z.object({ id: z.string().min(1).max(128) }).strict(), output: IncidentSummary },
  'timeline.window': { input: WindowQuery, output: WindowResult },
  'events.get': { input: z.object({ id: z.number().int().min(1) }).strict(), output: EventDetail },
  'events.list': { input: EventListQuery, output: EventListPage },
} as const;

export type CoreChannel = keyof typeof coreChannels;

/** Every channel: the core's, and each feature's own table. */
export const channels = { ...coreChannels, ...connectionChannels, ...ingestChannels, ...analysisChannels, ...modelChannels, ...governanceChannels, ...remediationChannels, ...presentationChannels, ...shareChannels, ...bundleChannels, ...evalsChannels, ...postmortemChannels } as const;

export type Channels = typeof channels;
export type Channel = keyof Channels;
export type ChannelInput<C extends Channel> = z.input<Channels[C]['input']>;
export type ChannelOutput<C extends Channel> = z.infer<Channels[C]['output']>;
export const CHANNELS = Object.keys(channels) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}

/** What the desktop app's menu asks the renderer to do (the same as the in-app buttons and keys). */
export const APP_COMMANDS = ['bundle.open', 'bundle.export', 'postmortem', 'presentation', 'journal', 'help'] as const;
export type AppCommand = (typeof APP_COMMANDS)[number];

/** Events the core pushes to every connected renderer. */
export const pushEvents = {
  /** Sent by the desktop host's menu to its own window only (never by the core, never to share viewers). */
  'app.command': z.object({ command: z.enum(APP_COMMANDS) }).strict(),
  /** Something in the store changed; the renderer invalidates queries reading these areas. */
  'store.changed': z.object({ areas: z.array(z.enum(['events', 'metrics', 'incidents'])).min(1) }),
  'incidents.changed': z.object({ ids: z.array(z.string()) }),
  ...ingestPushEvents,
  ...modelPushEvents,
  ...governancePushEvents,
  ...sharePushEvents,
} as const;
export type PushEvents = typeof pushEvents;
export type PushEvent = keyof PushEvents;
export type PushPayload<E extends PushEvent> = z.infer<PushEvents[E]>;
export const PUSH_EVENTS = Object.keys(pushEvents) as PushEvent[];

export function isPushEvent(name: unknown): name is PushEvent {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(pushEvents, name);
}

export type { Incident, EventKind };
