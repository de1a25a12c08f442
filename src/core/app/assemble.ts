/**
 * Builds a Core around an already opened store. Kept apart from ./core.ts (which opens the
 * SQLite store and knows the demo generator) so it can be tested with a fake store.
 */
import type { PushEvent, PushPayload } from '../../shared/contract';
import { fail, type Envelope } from '../../shared/envelope';
import { createDispatcher } from '../contract/dispatcher';
import type { Handlers, SenderInfo } from '../contract/handlers';
import type { EventStore } from '../store/api';
import type { AsyncWriter } from '../store/async-writer';
import { createConnectionsModule } from '../connections/handlers';
import { createIngestModule } from '../import/handlers';
import type { CoreContext, CoreModule } from './context';
import { createAnalysisModule } from './analysis-module';
import { createModelModule } from './model-module';
import { createGovernanceModule } from './governance-module';
import { createRemediationModule } from './remediation-module';
import { createPresentationModule } from './presentation-module';
import { createShareModule } from './share-module';
import { createBundleModule } from './bundle-module';
import { createEvalsModule } from './evals-module';
import { createPostmortemModule } from './postmortem-module';
import type { ShareHost, ViewerGateway } from '../share/host';
import { createCoreHandlers } from './handlers';
import { createPushBus, type PushListener } from './push-bus';

export interface Core {
  store: EventStore;
  /** The context feature modules get; hosts use it to start the telemetry receiver (receiverRoutes). */
  context: CoreContext;
  handlers: Handlers;
  dispatch(channel: unknown, input: unknown, sender: SenderInfo): Promise<Envelope<unknown>>;
  onPush(listener: PushListener): () => void;
  /** Push events as this sender may hear them: viewers only the safe ones, presenting seats masked. */
  onPushFor(sender: SenderInfo, listener: PushListener): () => void;
  emit<E extends PushEvent>(event: E, payload: PushPayload<E>): void;
  close(): void;
}

export interface AssembleOptions {
  host: 'electron' | 'browser' | 'test';
  version?: string;
  readOnly?: boolean;
  /** Folder for files beside the store; null for an in-memory store. */
  dataDir?: string | null;
  /** Fills an empty store (the demo generator); called only when the store has no incidents. */
  seedIfEmpty?: (store: EventStore) => void;
  log?: (message: string, detail: unknown) => void;
  /** See CoreContext.writer. Closed with the core. */
  writer?: AsyncWriter;
  /** The host's listener for a live read-only share (the browser host); absent: sharing is unavailable. */
  shareHost?: ShareHost;
}

export function assembleCore(store: EventStore, opts: AssembleOptions): Core {
  const log = opts.log ?? ((message: string, detail: unknown) => console.error(message, detail));
  const bus = createPushBus(log);
  let closed = false;
  const ctx: CoreContext = {
    store,
    host: opts.host,
    version: opts.version ?? 'dev',
    readOnly: opts.readOnly === true,
    dataDir: opts.dataDir ?? null,
    emit: (event, payload) => {
      if (!closed) bus.emit(event, payload);
    },
    log,
    writer: opts.writer,
  };
  const connections = createConnectionsModule(ctx);
  const ingest = createIngestModule(ctx);
  // Before the modules that record (ctx.journal) or ask who is signed in (ctx.auth).
  const governance = createGovernanceModule(ctx);
  ctx.journal = governance.journal;
  ctx.auth = governance.auth;
  const analysis = createAnalysisModule(ctx);
  const model = createModelModule(ctx);
  const remediation = createRemediationModule(ctx);
  const presentation = createPresentationModule(ctx);
  const VIEWER: SenderInfo = { host: 'browser', role: 'viewer' };
  const onPushFor = (sender: SenderInfo, listener: PushListener): (() => void) =>
    bus.on((event, payload) => {
      const shown = presentation.service.pushFor(sender, event, payload);
      if (shown !== undefined) listener(event, shown);
    });
  const gateway: ViewerGateway = { dispatch: (channel, input) => viewerDispatch(channel, input), onPush: (listener) => onPushFor(VIEWER, listener) };
  /**
   * A share shows the incident the commander has open, not the whole store: viewers list only
   * that incident and are refused another's summary or analysis (the dispatcher then applies the
   * viewer allowlist and masking as for any viewer call).
   */
  async function viewerDispatch(channel: unknown, input: unknown): Promise<Envelope<unknown>> {
    const shown = share.service.state()?.view?.incidentId ?? null;
    if (channel === 'incidents.get' || channel === 'analysis.latest') {
      const asked = typeof input === 'object' && input !== null ? (input as { id?: unknown; incidentId?: unknown })[channel === 'incidents.get' ? 'id' : 'incidentId'] : undefined;
      if (asked !== shown) return fail('forbidden', 'This view-only share shows only the incident the commander has open');
    }
    const env = await dispatch(channel, input, VIEWER);
    if (channel === 'incidents.list' && env.ok && Array.isArray(env.value)) return { ok: true, value: (env.value as { id: string }[]).filter((i) => i.id === shown) };
    return env;
  }
  const share = createShareModule(ctx, { host: opts.shareHost ?? null, gateway: () => gateway });
  const bundle = createBundleModule(ctx);
  const evals = createEvalsModule(ctx);
  const postmortem = createPostmortemModule(ctx);
  const modules: CoreModule<unknown>[] = [connections, ingest, analysis, model, governance, remediation, presentation, share, bundle, evals, postmortem];
  const handlers: Handlers = { ...createCoreHandlers(ctx), ...connections.handlers, ...ingest.handlers, ...analysis.handlers, ...model.handlers, ...governance.handlers, ...remediation.handlers, ...presentation.handlers, ...share.handlers, ...bundle.handlers, ...evals.handlers, ...postmortem.handlers };
  const dispatch = createDispatcher(handlers, { log, view: presentation.service.view });

  if (opts.seedIfEmpty && !store.readOnly && store.listIncidents().length === 0) {
    opts.seedIfEmpty(store);
    // Deferred so listeners attached right after createCore() still hear about the new data.
    queueMicrotask(() => {
      if (!closed) bus.emit('store.changed', { areas: ['events', 'metrics', 'incidents'] });
    });
  }

  return {
    store,
    context: ctx,
    handlers,
    dispatch,
    onPush: bus.on,
    onPushFor,
    emit: ctx.emit,
    close() {
      if (closed) return;
      closed = true;
      for (const m of modules) m.close?.();
      // Batches already handed over finish first (the close message queues behind them).
      void opts.writer?.close();
      bus.clear();
      store.close();
    },
  };
}
