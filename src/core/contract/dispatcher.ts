/**
 * The contract dispatcher: the one place where an untrusted (channel, input) pair becomes a
 * handler call. Input is parsed with the channel's schema, the handler's answer is checked
 * against the output schema, and every outcome is an envelope. It never throws.
 */
import { type Channel, channels, isChannel } from '../../shared/contract';
import { ContractFailure, type Envelope, fail, ok } from '../../shared/envelope';
import { isViewerChannel } from '../../shared/viewer-channels';
import type { Handler, Handlers, SenderInfo } from './handlers';
import { issuesOf } from './issues';

export type Dispatch = (channel: unknown, input: unknown, sender: SenderInfo) => Promise<Envelope<unknown>>;

export interface DispatcherOptions {
  /** Where unexpected errors go (the detail is logged, never sent). Default: console.error. */
  log?: (message: string, detail: unknown) => void;
  /** What a sender may see (presentation mode, viewers): applied to every input and valid output. */
  view?: OutputView;
}

/**
 * Presentation redaction (src/core/presentation): inputs may carry masks the sender was shown
 * (turned back into values for the handler); outputs are masked for the sender and still valid.
 */
export interface OutputView {
  input(channel: Channel, raw: unknown, sender: SenderInfo): unknown;
  output(channel: Channel, value: unknown, sender: SenderInfo): { ok: true; value: unknown } | { ok: false; detail: unknown };
  /** An error message for this sender (a handler's message may quote what it was given). */
  message(text: string, sender: SenderInfo): string;
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
    const raw = input === undefined ? {} : input;
    const parsed = spec.input.safeParse(opts.view ? opts.view.input(channel, raw, sender) : raw);
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
      if (err instanceof ContractFailure) return fail(err.code, opts.view ? opts.view.message(err.message, sender) : err.message);
      log(`[contract] ${channel} failed`, err);
      return fail('internal', GENERIC);
    }
    const out = spec.output.safeParse(value);
    if (!out.success) {
      log(`[contract] ${channel} returned a value that breaks its output schema`, out.error.issues.slice(0, 5));
      return fail('internal', GENERIC);
    }
    if (!opts.view) return ok(out.data);
    const shown = opts.view.output(channel, out.data, sender);
    if (!shown.ok) {
      log(`[contract] ${channel}: the redacted answer breaks its output schema`, shown.detail);
      return fail('internal', GENERIC);
    }
    return ok(shown.value);
  }

  return async (channel, input, sender) => {
    try {
      if (!isChannel(channel)) return fail('unknown_channel', `Unknown channel ${describeChannel(channel)}`);
      // Viewers of a live share: read channels only, whatever the host (src/shared/viewer-channels.ts).
      if (sender.role === 'viewer' && !isViewerChannel(channel)) return fail('forbidden', `${channel} is not available in a view-only share`);
      return await run(channel, input, sender);
    } catch (err) {
      log('[contract] dispatcher error', err);
      return fail('internal', GENERIC);
    }
  };
}
