/**
 * The live read-only share: at most one at a time, with its own random token and an expiry the
 * core enforces (a timer revokes it; the host also refuses every request once it has passed).
 * The commander's window reports what it shows; the latest view goes to viewers at most every
 * FOLLOW_EVERY_MS (the last one always goes).
 */
import { randomBytes } from 'node:crypto';
import type { PushEvent, PushPayload } from '../../shared/contract';
import { type FollowView, isLoopbackAddress, type ShareEndReason, type ShareStartInput, type ShareStatus, type ShareViewState } from '../../shared/contract-share';
import { ContractFailure } from '../../shared/envelope';
import type { ShareHost, ShareListener, ViewerGateway } from './host';

export const FOLLOW_EVERY_MS = 100;

export interface ShareServiceDeps {
  /** Null where the host cannot serve a share (a core assembled without a share listener, as in tests). */
  host: ShareHost | null;
  /** The viewer-bound gateway (built once the dispatcher exists). */
  gateway(): ViewerGateway;
  emit<E extends PushEvent>(event: E, payload: PushPayload<E>): void;
  log(message: string, detail: unknown): void;
  now?: () => number;
  newToken?: () => string;
}

export interface ShareService {
  status(): ShareStatus;
  start(input: Required<Pick<ShareStartInput, 'listen' | 'port' | 'expiresInSec'>> & { name: string }): Promise<ShareStatus>;
  stop(reason: ShareEndReason): Promise<ShareStatus>;
  follow(view: FollowView): boolean;
  state(): ShareViewState | null;
  close(): void;
}

interface Active {
  listener: ShareListener;
  listen: string;
  port: number;
  name: string;
  startedAt: number;
  expiresAt: number;
  expiry: ReturnType<typeof setTimeout>;
  view: FollowView | null;
}

const TIMER_MAX_MS = 2_000_000_000;

export function createShareService(deps: ShareServiceDeps): ShareService {
  const now = deps.now ?? Date.now;
  const newToken = deps.newToken ?? (() => randomBytes(32).toString('base64url'));
  let active: Active | null = null;
  let starting = false;
  let ended: ShareStatus['ended'] = null;
  let lastPush = 0;
  let pending: ReturnType<typeof setTimeout> | null = null;

  function status(): ShareStatus {
    const a = active;
    return {
      available: deps.host !== null,
      active: a !== null,
      url: a?.listener.url ?? null,
      listen: a?.listen ?? null,
      port: a?.listener.port ?? null,
      name: a?.name ?? null,
      startedAt: a?.startedAt ?? null,
      expiresAt: a?.expiresAt ?? null,
      viewers: a?.listener.viewers() ?? 0,
      exposed: a !== null && !isLoopbackAddress(a.listen),
      ended: a === null ? ended : null,
    };
  }

  function pushView(): void {
    pending = null;
    if (!active?.view) return;
    lastPush = now();
    deps.emit('share.view', active.view);
  }

  async function stop(reason: ShareEndReason): Promise<ShareStatus> {
    const a = active;
    if (!a) return status();
    active = null;
    clearTimeout(a.expiry);
    if (pending !== null) clearTimeout(pending);
    pending = null;
    ended = { reason, at: now() };
    // Viewers hear why before their sockets close.
    deps.emit('share.ended', { reason });
    try {
      await a.listener.revoke();
    } catch (err) {
      deps.log('[share] revoking the listener failed', err);
    }
    deps.emit('share.changed', {});
    return status();
  }

  return {
    status,
    stop,
    async start(input) {
      if (!deps.host) throw new ContractFailure('forbidden', 'This host cannot serve a live share: run `sitrep serve` (the browser host) to share an incident.');
      if (active || starting) throw new ContractFailure('bad_input', 'A share is already running: stop it before starting another.');
      starting = true;
      try {
        const startedAt = now();
        const expiresAt = startedAt + input.expiresInSec * 1000;
        let listener: ShareListener;
        try {
          listener = await deps.host.open({
            listen: input.listen,
            port: input.port,
            token: newToken(),
            expiresAt,
            gateway: deps.gateway(),
            onViewersChanged: () => deps.emit('share.changed', {}),
          });
        } catch (err) {
          throw new ContractFailure('bad_input', `Could not share on ${input.listen}:${input.port}: ${(err as Error).message}`);
        }
        const expiry = setTimeout(() => void stop('expired'), Math.min(TIMER_MAX_MS, Math.max(0, expiresAt - now())));
        expiry.unref?.();
        active = { listener, listen: input.listen, port: listener.port, name: input.name, startedAt, expiresAt, expiry, view: null };
        ended = null;
        deps.emit('share.changed', {});
        return status();
      } finally {
        starting = false;
      }
    },
    follow(view) {
      if (!active) return false;
      active.view = view;
      if (pending !== null) return true;
      const wait = lastPush + FOLLOW_EVERY_MS - now();
      if (wait <= 0) pushView();
      else {
        pending = setTimeout(pushView, wait);
        pending.unref?.();
      }
      return true;
    },
    state() {
      if (!active) return null;
      return { name: active.name, expiresAt: active.expiresAt, view: active.view };
    },
    close() {
      void stop('stopped');
    },
  };
}
