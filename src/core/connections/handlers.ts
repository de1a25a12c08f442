/** Contract handlers of the Connections feature. */
import type { connectionChannels } from '../../shared/contract-connections';
import type { CoreContext, CoreModule } from '../app/context';
import type { Handler } from '../contract/handlers';

export type ConnectionHandlers = { [C in keyof typeof connectionChannels]: Handler<C> };

export function createConnectionsModule(_ctx: CoreContext): CoreModule<ConnectionHandlers> {
  return { handlers: {} };
}
