/** Contract samples (good input, bad input, valid output) for the presentation channels. */
import type { presentationChannels, PresentationState } from '../../shared/contract-presentation';
import type { ChannelSample } from '../contract/samples';

const state: PresentationState = {
  role: 'operator',
  on: true,
  forced: false,
  settings: { categories: { secrets: true, emails: true, ips: true, userIds: true, prompts: true }, sensitiveLabels: ['tenant'] },
  problem: null,
};

export const presentationSamples: { [C in keyof typeof presentationChannels]: ChannelSample<C> } = {
  'presentation.get': { good: {}, bad: { seat: 'someone-else' }, output: state },
  'presentation.set': {
    good: { on: true, categories: { prompts: false }, sensitiveLabels: ['tenant', 'customer.name'] },
    bad: { on: 'yes', sensitiveLabels: ['not a label!'] },
    output: state,
  },
};
