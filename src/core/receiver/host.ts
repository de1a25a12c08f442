/**
 * Starts the receiver for a host (`sitrep serve`, the desktop app) with every route. A taken port
 * or any other listen failure is reported in one line and the app carries on without it.
 */
import type { CoreContext } from '../app/context';
import { receiverRoutes } from './all-routes';
import { DEFAULT_RECEIVER_PORT, startReceiver, type Receiver } from './server';

export interface HostReceiverOptions {
  port?: number;
  host?: string;
  /** One line per message, for the host's console. */
  say: (line: string) => void;
}

export async function startHostReceiver(ctx: CoreContext, opts: HostReceiverOptions): Promise<Receiver | null> {
  const port = opts.port ?? DEFAULT_RECEIVER_PORT;
  const host = opts.host ?? '127.0.0.1';
  try {
    return await startReceiver({ routes: receiverRoutes(ctx), port, host, log: (m, d) => (d === undefined ? opts.say(m) : ctx.log(m, d)) });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'EADDRINUSE' ? `port ${port} is already in use` : code === 'EACCES' ? `no permission to listen on port ${port}` : err instanceof Error ? err.message : String(err);
    opts.say(`telemetry receiver not started: ${why} (use --otlp-port N; continuing without it)`);
    return null;
  }
}
