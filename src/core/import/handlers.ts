/** Contract handlers of file import and live incident polling. */
import type { ingestChannels } from '../../shared/contract-ingest';
import { ContractFailure } from '../../shared/envelope';
import type { CoreContext, CoreModule } from '../app/context';
import { clientFor } from '../connections/clients';
import { listConnectionsForPolling } from '../connections/service';
import type { Handler } from '../contract/handlers';
import { createLivePoller } from '../live/poller';
import { createImportJobs } from './jobs';

export type IngestHandlers = { [C in keyof typeof ingestChannels]: Handler<C> };

export function createIngestModule(ctx: CoreContext, opts: { pollIntervalMs?: number } = {}): CoreModule<IngestHandlers> {
  const jobs = createImportJobs(ctx);
  const live = createLivePoller({ ctx, listConnections: () => listConnectionsForPolling(ctx), clientFor, intervalMs: opts.pollIntervalMs });
  return {
    handlers: {
      'import.paths': (input, sender) => {
        if (sender.role !== 'operator') throw new ContractFailure('forbidden', 'Viewers cannot import files.');
        return jobs.start(input);
      },
      'import.cancel': (input) => ({ cancelled: jobs.cancel(input.jobId) }),
      'live.watch': (input) => {
        if (!ctx.store.getIncident(input.incidentId)) throw new ContractFailure('not_found', `No incident ${input.incidentId}`);
        return live.watch(input.incidentId);
      },
      'live.unwatch': (input) => {
        live.unwatch(input.incidentId);
        return { watching: false };
      },
    },
    close() {
      live.close();
      jobs.close();
    },
  };
}
