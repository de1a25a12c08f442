/**
 * The contract dispatcher: the one place where an untrusted (channel, input) pair becomes a
 * handler call. Input is parsed with the channel's schema, the handler's answer is checked
 * against the output schema, and every outcome is an envelope. It never throws.
 */
import { type Channel, channels, isChannel } from '../../shared/contract';
import { ContractFailure, type Envelope, fail, ok } from '../../shared/envelope';
import type { Handler, Handlers, SenderInfo } from './handlers';
import { issuesOf } from './issues';

export type Dispatch = (channel: unknown, input: unknown, sender: SenderInfo) => Promise<Envelope<unknown>>;

export interface DispatcherOptions {
  /** Where unexpected errors go (the detail is logged, never sent). Default: console.error. */
  log?: (message: string, detail: unknown) => void;
}

const GENERIC = 'Something went wrong inside Sitrep; the details are in the log.';

function describeChannel(channel: unknown): string {
  return typeof channel === 'string' ? JSON.stringify(channel.slice(0, 100)) : typeof channel;
}

export function createDispatcher(handlers: Handlers, opts: DispatcherOptions = {}): Dispatch {
  const log = opts.log ?? ((message, detail) => console.error(message, detail));

  async function run<C extends Channel>(channel: C, input: unknown, sender: SenderInfo): Promise<Envelope<unknown>> {
    const spec = channels[channel];
    // An omitted input means "no arguments": channels without arguments take {}.
    const parsed = spec.input.safeParse(input === undefined ? {} : input);
    if (!parsed.success) {
      const issues = issuesOf(parsed.error);
      const first = issues[0];
      const detail = first ? `: ${first.path}: ${first.message}` : '';
      return fail('bad_input', `Invalid input for ${channel}${detail}`, issues);
    }
    let value: unknown;
    try {
      const handler = handlers[channel] as Handler<C>;
      value = await handler(parsed.data as Parameters<Handler<C>>[0], sender);
    } catch (err) {
      if (err instanceof ContractFailure) return fail(err.code, err.message);
      log(`[contract] ${channel} failed`, err);
      return fail('internal', GENERIC);
    }
    const out = spec.output.safeParse(value);
    if (!out.success) {
      log(`[contract] ${channel} returned a value that breaks its output schema`, out.error.issues.slice(0, 5));
      return fail('internal', GENERIC);
    }
    return ok(out.data);
  }

  return async (channel, input, sender) => {
    try {
      if (!isChannel(channel)) return fail('unknown_channel', `Unknown channel ${describeChannel(channel)}`);
      return await run(channel, input, sender);
    } catch (err) {
      log('[contract] dispatcher error', err);
      return fail('internal', GENERIC);
    }
  };
}
