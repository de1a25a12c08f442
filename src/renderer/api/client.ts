/**
 * The renderer's only way to talk to the core: `call` a contract channel, `onPush` for push
 * events. Every answer is checked twice: the envelope's shape, then the channel's output schema.
 */
import { z } from 'zod';
import {
  channels,
  pushEvents,
  type Channel,
  type ChannelInput,
  type ChannelOutput,
  type PushEvent,
  type PushPayload,
} from '../../shared/contract';
import { ContractError, type ErrorCode } from '../../shared/envelope';
import { getBridge } from './transport';

/** Contract codes, plus `unreachable` (no answer at all) and `bad_response` (an answer of the wrong shape). */
export type CallErrorCode = ErrorCode | 'unreachable' | 'bad_response';
export interface CallIssue {
  path: string;
  message: string;
}

export class CallError extends Error {
  constructor(
    readonly channel: Channel,
    readonly code: CallErrorCode,
    message: string,
    readonly issues: CallIssue[] = [],
  ) {
    super(message);
    this.name = 'CallError';
  }
}

const EnvelopeShape = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: ContractError }),
]);

function issuesOf(error: z.ZodError): CallIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

export async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  let raw: unknown;
  try {
    raw = await getBridge().invoke(channel, input);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new CallError(channel, 'unreachable', `Could not reach the core: ${why}`);
  }
  const envelope = EnvelopeShape.safeParse(raw);
  if (!envelope.success) {
    throw new CallError(channel, 'bad_response', `The core sent a malformed answer to ${channel}`, issuesOf(envelope.error));
  }
  if (!envelope.data.ok) {
    const { code, message, issues } = envelope.data.error;
    throw new CallError(channel, code, message, issues ?? []);
  }
  const output = channels[channel].output.safeParse(envelope.data.value);
  if (!output.success) {
    const issues = issuesOf(output.error);
    const first = issues[0];
    const where = first ? ` (${first.path || 'root'}: ${first.message})` : '';
    throw new CallError(channel, 'bad_response', `The core's answer to ${channel} does not match the contract${where}`, issues);
  }
  return output.data as ChannelOutput<C>;
}

/** Subscribe to a push event; payloads that fail their schema are dropped (and logged). */
export function onPush<E extends PushEvent>(event: E, listener: (payload: PushPayload<E>) => void): () => void {
  return getBridge().on(event, (payload) => {
    const parsed = pushEvents[event].safeParse(payload);
    if (parsed.success) listener(parsed.data as PushPayload<E>);
    else console.warn(`sitrep: dropped a malformed ${event} push`, parsed.error.issues);
  });
}
