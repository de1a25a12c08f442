/** Contract handlers of file import and live incident polling. */
import type { ingestChannels } from '../../shared/contract-ingest';
import type { CoreContext, CoreModule } from '../app/context';
import type { Handler } from '../contract/handlers';

export type IngestHandlers = { [C in keyof typeof ingestChannels]: Handler<C> };

export function createIngestModule(_ctx: CoreContext): CoreModule<IngestHandlers> {
  return { handlers: {} };
}
