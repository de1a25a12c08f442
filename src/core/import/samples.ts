/** Contract samples (good input, bad input, valid output) for every import/live channel. */
import type { ingestChannels } from '../../shared/contract-ingest';
import type { ChannelSample } from '../contract/samples';

export const ingestSamples: { [C in keyof typeof ingestChannels]: ChannelSample<C> } = {
  'import.paths': {
    good: { paths: ['/tmp/alerts.json'] },
    bad: { paths: [], names: ['x'] },
    output: { jobId: 'job-12345678', files: 1 },
  },
  'import.cancel': { good: { jobId: 'job-12345678' }, bad: { jobId: '../etc' }, output: { cancelled: true } },
  'live.watch': { good: { incidentId: 'inc-1' }, bad: { incidentId: '' }, output: { watching: true, intervalMs: 15_000, sources: 2 } },
  'live.unwatch': { good: { incidentId: 'inc-1' }, bad: { id: 'inc-1' }, output: { watching: false } },
};
