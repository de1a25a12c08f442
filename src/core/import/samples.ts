/** Contract samples (good input, bad input, valid output) for every import/live channel. */
import type { ingestChannels } from '../../shared/contract-ingest';
import type { ChannelSample } from '../contract/samples';

export const ingestSamples: { [C in keyof typeof ingestChannels]: ChannelSample<C> } = {};
