/**
 * Contract handlers of presentation mode. The masking itself is not done here: the service's
 * OutputView is given to the dispatcher (assemble.ts), so every channel's answer to a presenting
 * seat or a viewer is masked in one place, not handler by handler.
 */
import type { presentationChannels } from '../../shared/contract-presentation';
import type { Handler } from '../contract/handlers';
import { createPresentationService, type PresentationService } from '../presentation/service';
import { presentationSettingsFile } from '../presentation/settings';
import { sensitiveValuesInStore } from '../presentation/store-values';
import type { CoreContext, CoreModule } from './context';

export type PresentationHandlers = { [C in keyof typeof presentationChannels]: Handler<C> };

export interface PresentationModule extends CoreModule<PresentationHandlers> {
  service: PresentationService;
}

export function createPresentationModule(ctx: Pick<CoreContext, 'dataDir' | 'log' | 'store'>): PresentationModule {
  const service = createPresentationService(presentationSettingsFile(ctx.dataDir), ctx.log, { storedValues: (keys) => sensitiveValuesInStore(ctx.store, keys) });
  return {
    service,
    handlers: {
      'presentation.get': (_input, sender) => service.state(sender),
      'presentation.set': (patch, sender) => service.set(sender, patch),
    },
  };
}
