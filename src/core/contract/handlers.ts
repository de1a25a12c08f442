import type { z } from 'zod';
import type { Channel, Channels, ChannelOutput } from '../../shared/contract';

/** What a host knows about who sent a message; handlers never trust the renderer beyond this. */
export interface SenderInfo {
  host: 'electron' | 'browser' | 'test';
  /** Viewer sessions (later: live read-only share) may not call mutating channels. */
  role: 'operator' | 'viewer';
}

export type Handler<C extends Channel> = (
  input: z.output<Channels[C]['input']>,
  sender: SenderInfo,
) => Promise<ChannelOutput<C>> | ChannelOutput<C>;

export type Handlers = { [C in Channel]: Handler<C> };
