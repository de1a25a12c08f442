/** Contract samples (good input, bad input, valid output) for every Connections channel. */
import type { connectionChannels } from '../../shared/contract-connections';
import type { ChannelSample } from '../contract/samples';

export const connectionSamples: { [C in keyof typeof connectionChannels]: ChannelSample<C> } = {};
