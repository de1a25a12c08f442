/** An in-memory, ipcMain-like seam: contract tests call channels exactly as a host would. */
import { fail, type Envelope } from '../../shared/envelope';
import type { Channel } from '../../shared/contract';
import type { SenderInfo } from './handlers';
import type { ContractSeam, SeamHandler } from './register';

export interface TestSeam extends ContractSeam {
  /** Channels registered so far, in registration order. */
  readonly registered: readonly string[];
  invoke(channel: string, raw: unknown, sender?: SenderInfo): Promise<Envelope<unknown>>;
}

export function createTestSeam(defaultSender: SenderInfo = { host: 'test', role: 'operator' }): TestSeam {
  const table = new Map<string, SeamHandler>();
  return {
    get registered() {
      return [...table.keys()];
    },
    handle(channel: Channel, fn: SeamHandler) {
      if (table.has(channel)) throw new Error(`channel ${channel} registered twice`);
      table.set(channel, fn);
    },
    invoke(channel, raw, sender = defaultSender) {
      const fn = table.get(channel);
      // What ipcMain does for an unregistered channel, as an envelope.
      if (!fn) return Promise.resolve(fail('unknown_channel', `No handler registered for ${channel}`));
      return fn(raw, sender);
    },
  };
}
