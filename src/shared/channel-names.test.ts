import { describe, expect, it } from 'vitest';
import { CHANNELS, PUSH_EVENTS } from './contract';
import { CHANNEL_NAMES, PUSH_EVENT_NAMES, isChannelName, isPushEventName } from './channel-names';

describe('channel-names', () => {
  it('lists exactly the contract channels', () => {
    expect([...CHANNEL_NAMES].sort()).toEqual([...CHANNELS].sort());
  });

  it('lists exactly the push events', () => {
    expect([...PUSH_EVENT_NAMES].sort()).toEqual([...PUSH_EVENTS].sort());
  });

  it('recognises only listed names', () => {
    expect(isChannelName('app.info')).toBe(true);
    expect(isChannelName('toString')).toBe(false);
    expect(isChannelName('__proto__')).toBe(false);
    expect(isChannelName(42)).toBe(false);
    expect(isPushEventName('store.changed')).toBe(true);
    expect(isPushEventName('app.info')).toBe(false);
  });
});
