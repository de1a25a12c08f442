/**
 * Contract handlers of the live read-only share. Starting, stopping and reporting the view are
 * the commander's (operators only; signed in when operators are configured); viewers read
 * `share.state`. The host's listener comes in as a capability (AssembleOptions.shareHost).
 */
import type { shareChannels } from '../../shared/contract-share';
import { ContractFailure } from '../../shared/envelope';
import type { Handler, SenderInfo } from '../contract/handlers';
import type { ShareHost, ViewerGateway } from '../share/host';
import { createShareService, type ShareService } from '../share/service';
import type { CoreContext, CoreModule } from './context';

export type ShareHandlers = { [C in keyof typeof shareChannels]: Handler<C> };

export interface ShareModule extends CoreModule<ShareHandlers> {
  service: ShareService;
}

export function createShareModule(
  ctx: Pick<CoreContext, 'emit' | 'log' | 'auth' | 'journal'>,
  opts: { host: ShareHost | null; gateway: () => ViewerGateway; now?: () => number },
): ShareModule {
  const service = createShareService({ host: opts.host, gateway: opts.gateway, emit: ctx.emit, log: ctx.log, now: opts.now });

  function commander(sender: SenderInfo, what: string): void {
    if (sender.role !== 'operator') throw new ContractFailure('forbidden', `Viewers cannot ${what}.`);
  }

  /** Sharing shows the incident to others: where operators exist, only a signed-in one may. */
  function signedInName(sender: SenderInfo): string | null {
    const auth = ctx.auth;
    if (!auth) return null;
    const who = auth.current(sender);
    if (who) return who.name;
    if (auth.operators.list().some((o) => !o.disabled)) throw new ContractFailure('unauthorized', 'Sign in to share this incident.');
    return null;
  }

  /** Who opened the incident to whom is part of the record: start and stop are journaled (never the link's token). */
  function record(sender: SenderInfo, text: string, detail: Record<string, string | number | boolean | null>): void {
    if (!ctx.journal) return;
    const actor = ctx.auth?.current(sender)?.name ?? `${sender.host}:commander`;
    try {
      ctx.journal.append('note', { text, detail }, actor);
    } catch (err) {
      ctx.log('[journal] the share could not be recorded', { error: (err as Error).message });
    }
  }

  return {
    service,
    handlers: {
      'share.start': async (input, sender) => {
        commander(sender, 'start a share');
        const name = input.name ?? signedInName(sender) ?? 'the commander';
        if (input.name !== undefined) signedInName(sender);
        const st = await service.start({ listen: input.listen, port: input.port, expiresInSec: input.expiresInSec, name });
        const ends = st.expiresAt === null ? 'no expiry' : `until ${new Date(st.expiresAt).toISOString()}`;
        record(sender, `Read-only share started on ${st.listen ?? '?'}:${st.port ?? '?'} (${st.exposed ? 'reachable from the network' : 'loopback only'}), ${ends}`, {
          type: 'share_started',
          listen: st.listen,
          port: st.port,
          exposed: st.exposed,
          expiresAt: st.expiresAt,
        });
        return st;
      },
      'share.status': (_input, sender) => {
        commander(sender, 'see the share link');
        return service.status();
      },
      'share.stop': async (_input, sender) => {
        commander(sender, 'stop a share');
        const before = service.status();
        const st = await service.stop('stopped');
        if (before.active) record(sender, `Read-only share on ${before.listen ?? '?'}:${before.port ?? '?'} stopped; viewers cut off`, { type: 'share_stopped', listen: before.listen, port: before.port });
        return st;
      },
      'share.follow': (view, sender) => {
        commander(sender, 'lead a share');
        return { delivered: service.follow(view) };
      },
      'share.state': () => service.state(),
    },
    close: () => service.close(),
  };
}
