/**
 * What a viewer of a live share may call and hear. The core's dispatcher refuses every other
 * channel for the viewer role with `forbidden` (whatever the host), and the host's push filter
 * drops every other push event; the renderer reads the same lists to hide controls. Plain names,
 * no zod, so any layer can import it. A new channel is refused to viewers until it is added here.
 */
import type { CHANNEL_NAMES, PUSH_EVENT_NAMES } from './channel-names';

type ChannelName = (typeof CHANNEL_NAMES)[number];
type PushEventName = (typeof PUSH_EVENT_NAMES)[number];

/** Read channels only: nothing here changes state, approves, dispatches or reads the journal. */
export const VIEWER_CHANNELS = [
  'app.info',
  'incidents.list',
  'incidents.get',
  'timeline.window',
  'events.get',
  'events.list',
  'analysis.latest',
  'presentation.get',
  'share.state',
] as const satisfies readonly ChannelName[];

export const VIEWER_PUSH_EVENTS = ['store.changed', 'incidents.changed', 'share.view', 'share.ended'] as const satisfies readonly PushEventName[];

const channelSet: ReadonlySet<string> = new Set(VIEWER_CHANNELS);
const pushSet: ReadonlySet<string> = new Set(VIEWER_PUSH_EVENTS);

export function isViewerChannel(name: string): boolean {
  return channelSet.has(name);
}

export function isViewerPushEvent(name: string): boolean {
  return pushSet.has(name);
}
