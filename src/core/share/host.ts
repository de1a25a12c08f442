/**
 * The capability a host gives the core to serve a live read-only share (the core never imports
 * a host). The browser host implements it in src/main/serve/share-host.ts. The core hands the
 * host a gateway already bound to the viewer role: every call through it is dispatched as a
 * viewer (allowlist and redaction applied in the core), every push through it is filtered and
 * redacted for viewers, so the host cannot widen what a viewer gets.
 */
import type { PushEvent } from '../../shared/contract';
import type { Envelope } from '../../shared/envelope';

export interface ViewerGateway {
  dispatch(channel: unknown, input: unknown): Promise<Envelope<unknown>>;
  onPush(listener: (event: PushEvent, payload: unknown) => void): () => void;
}

export interface ShareListenOptions {
  listen: string;
  port: number;
  /** The viewer token (random, at least 32 bytes of entropy); compared in constant time. */
  token: string;
  /** Epoch ms: from then on every request and socket is refused. */
  expiresAt: number;
  gateway: ViewerGateway;
  /** Called when a viewer page connects or goes away. */
  onViewersChanged(): void;
}

export interface ShareListener {
  /** The link to give viewers, token included. */
  url: string;
  port: number;
  /** Viewer pages connected (push sockets open). */
  viewers(): number;
  /**
   * Revokes the token now: open sockets and connections are closed at once, and every further
   * request is refused (401) until the listener is released.
   */
  revoke(): Promise<void>;
}

export interface ShareHost {
  /** Starts listening; rejects with a message a person can act on (address in use, not an address of this machine). */
  open(opts: ShareListenOptions): Promise<ShareListener>;
}
