/** Contract samples (good input, bad input, valid output) for the live share channels. */
import type { shareChannels, ShareStatus } from '../../shared/contract-share';
import type { ChannelSample } from '../contract/samples';

const T = Date.UTC(2026, 2, 14, 3, 0);
const status: ShareStatus = {
  available: true,
  active: true,
  url: 'http://127.0.0.1:41234/?view=1&token=0123456789abcdefghijklmnopqrstuvwxyzABCDEFG',
  listen: '127.0.0.1',
  port: 41234,
  name: 'ana',
  startedAt: T,
  expiresAt: T + 3_600_000,
  viewers: 2,
  exposed: false,
  ended: null,
};
const view = { incidentId: 'inc-1', window: { from: T - 600_000, to: T + 600_000 }, cursor: T, selectedEventId: 7 };

export const shareSamples: { [C in keyof typeof shareChannels]: ChannelSample<C> } = {
  'share.start': {
    good: { listen: '127.0.0.1', port: 0, expiresInSec: 3600 },
    bad: { listen: 'example.com', port: 0, expiresInSec: 3600 },
    output: status,
  },
  'share.status': { good: {}, bad: { token: true }, output: status },
  'share.stop': { good: {}, bad: { keepViewers: true }, output: { ...status, active: false, url: null, viewers: 0, ended: { reason: 'stopped', at: T + 60_000 } } },
  'share.follow': {
    good: view,
    bad: { ...view, window: { from: T, to: T - 1 } },
    output: { delivered: true },
  },
  'share.state': { good: {}, bad: { as: 'operator' }, output: { name: 'ana', expiresAt: T + 3_600_000, view } },
};
