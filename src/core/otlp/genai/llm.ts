/**
 * A GenAI / OpenInference model call → LlmCall.
 *
 * Names read (first present wins): provider gen_ai.provider.name, gen_ai.system (deprecated),
 * llm.provider, llm.system; model gen_ai.response.model, gen_ai.request.model, llm.model_name,
 * embedding.model_name; tokens gen_ai.usage.input_tokens, gen_ai.usage.prompt_tokens (deprecated),
 * llm.token_count.prompt / gen_ai.usage.output_tokens, gen_ai.usage.completion_tokens,
 * llm.token_count.completion; finish reason: the first of gen_ai.response.finish_reasons (array,
 * or a JSON/Python list string); TTFT gen_ai.server.time_to_first_token (seconds) or sitrep.ttft_ms.
 * Content previews: gen_ai.input.messages / gen_ai.output.messages, the deprecated gen_ai.prompt /
 * gen_ai.completion (whole or indexed .N.role/.N.content) and span events gen_ai.*.message /
 * gen_ai.choice, OpenInference input.value / output.value.
 *
 * outputValid rule: an explicit boolean `sitrep.output_valid` or `output.valid` wins; otherwise
 * an `error.type` mentioning json, parse, schema or validation means the structured output failed
 * to parse (false); otherwise unknown (absent).
 *
 * Cost: input and output tokens × the price table's per-1M-token prices for the model (exact,
 * then the longest prefix: 'gpt-4o-mini-2024-07-18' → 'gpt-4o-mini'); unknown model → 0 and
 * attribute sitrep.cost_unknown = true.
 */
import type { AttrValue, LlmCall } from '../../../shared/events';
import { clampShort, clampText } from '../../connectors/common/text';
import { costOf } from '../../connectors/common/prices';
import type { MapOptions, SpanLike } from '../model';
import { buildAttrs } from '../values';
import { MODEL_KEYS } from './classify';
import { spanIdentity } from './identity';
import { firstInt, firstNum, firstStr, flag, indexedMessages, strList, textOf, type AttrMap } from './read';

const INPUT_KEYS = ['gen_ai.input.messages', 'gen_ai.prompt', 'input.value', 'input'];
const OUTPUT_KEYS = ['gen_ai.output.messages', 'gen_ai.completion', 'output.value', 'output'];
const INPUT_EVENTS = new Set(['gen_ai.system.message', 'gen_ai.user.message', 'gen_ai.tool.message', 'gen_ai.assistant.message']);

function fromEvents(span: SpanLike, pick: (name: string) => boolean): string | undefined {
  const parts: string[] = [];
  for (const e of span.events) {
    if (!pick(e.name)) continue;
    const body = textOf(e.attrs.content ?? e.attrs.message ?? e.attrs['gen_ai.event.content'] ?? e.attrs.body);
    if (body !== undefined) parts.push(`${e.name.replace(/^gen_ai\./, '')}: ${body}`);
  }
  return parts.length > 0 ? parts.join('\n') : undefined;
}

function firstText(a: AttrMap, keys: string[]): { key?: string; text?: string } {
  for (const k of keys) {
    const t = textOf(a[k]);
    if (t !== undefined) return { key: k, text: t };
  }
  return {};
}

export function outputValidOf(a: AttrMap): boolean | undefined {
  const explicit = flag(a, 'sitrep.output_valid') ?? flag(a, 'output.valid');
  if (explicit !== undefined) return explicit;
  const et = firstStr(a, 'error.type');
  if (et !== undefined && /json|parse|schema|validation/i.test(et)) return false;
  return undefined;
}

export function toLlmCall(span: SpanLike, operation: string, opts: MapOptions, extra: Record<string, AttrValue>): LlmCall {
  const a = span.attrs;
  const model = firstStr(a, ...MODEL_KEYS) ?? 'unknown';
  const requestModel = firstStr(a, 'gen_ai.request.model');
  const inputTokens = firstInt(a, 'gen_ai.usage.input_tokens', 'gen_ai.usage.prompt_tokens', 'llm.token_count.prompt') ?? 0;
  const outputTokens = firstInt(a, 'gen_ai.usage.output_tokens', 'gen_ai.usage.completion_tokens', 'llm.token_count.completion') ?? 0;
  const cost = costOf(opts.prices, [model, requestModel], inputTokens, outputTokens);
  const errorType = firstStr(a, 'error.type');
  const finish = strList(a['gen_ai.response.finish_reasons'])[0] ?? firstStr(a, 'llm.finish_reason');
  const ttftS = firstNum(a, 'gen_ai.server.time_to_first_token');
  const ttftMs = ttftS !== undefined ? ttftS * 1000 : firstNum(a, 'sitrep.ttft_ms');
  const input = firstText(a, INPUT_KEYS);
  const output = firstText(a, OUTPUT_KEYS);
  const inputText = input.text ?? indexedMessages(a, 'gen_ai.prompt') ?? fromEvents(span, (n) => INPUT_EVENTS.has(n));
  const outputText = output.text ?? indexedMessages(a, 'gen_ai.completion') ?? fromEvents(span, (n) => n === 'gen_ai.choice');
  const attrs: AttrMap = { ...a };
  if (input.key !== undefined) delete attrs[input.key];
  if (output.key !== undefined) delete attrs[output.key];
  const ex: Record<string, AttrValue> = { ...extra, 'otel.span_name': span.name };
  if (!cost.known) ex['sitrep.cost_unknown'] = true;
  const promptVersion = firstStr(a, 'sitrep.prompt_version', 'gen_ai.prompt.version');
  const outputValid = outputValidOf(a);
  const call: LlmCall = {
    kind: 'llm_call',
    ...spanIdentity(span),
    provider: clampShort(firstStr(a, 'gen_ai.provider.name', 'gen_ai.system', 'llm.provider', 'llm.system') ?? 'unknown'),
    model: clampShort(model),
    operation: clampShort(operation),
    inputTokens,
    outputTokens,
    costUsd: cost.usd,
    latencyMs: span.durMs,
    status: span.statusError || errorType !== undefined ? 'error' : 'ok',
    attrs: buildAttrs(attrs, ex),
  };
  if (span.parentSpanId !== '') call.parentSpanId = span.parentSpanId;
  if (promptVersion !== undefined) call.promptVersion = clampShort(promptVersion);
  if (ttftMs !== undefined && Number.isFinite(ttftMs) && ttftMs >= 0) call.ttftMs = ttftMs;
  if (finish !== undefined && finish !== '') call.finishReason = clampShort(finish);
  if (errorType !== undefined) call.errorType = clampShort(errorType);
  if (outputValid !== undefined) call.outputValid = outputValid;
  if (inputText !== undefined) call.inputPreview = clampText(inputText);
  if (outputText !== undefined) call.outputPreview = clampText(outputText);
  return call;
}
