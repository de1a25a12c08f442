/**
 * Tool executions (execute_tool, OpenInference TOOL) and agent invocations (invoke_agent,
 * OpenInference AGENT) → AgentAction.
 *
 * - tool: gen_ai.tool.name, tool.name, else the span name ('invoke_agent' for invocations);
 * - agent: gen_ai.agent.name, gen_ai.agent.id, else the service;
 * - argsDigest: 'sha256:<hex>' of the arguments text (gen_ai.tool.call.arguments,
 *   tool.parameters, input.value, input, tool_arguments; for invocations gen_ai.input.messages),
 *   'none' without arguments. The raw arguments stay in attributes (clamped), never as the digest;
 * - outcome: ok unless the span status is error or error.type is set; then from error.type and the
 *   status message: timeout|timed out|deadline → timeout; denied|forbidden|permission|unauthori[sz]ed
 *   → denied; argument|validation|schema|json|parse → invalid_args; otherwise error.
 */
import type { AgentAction, AttrValue } from '../../../shared/events';
import { clampShort, clampText } from '../../connectors/common/text';
import type { SpanLike } from '../model';
import { buildAttrs } from '../values';
import { digest, firstStr, textOf } from './read';
import { spanIdentity } from './identity';

const ARG_KEYS = ['gen_ai.tool.call.arguments', 'tool.parameters', 'input.value', 'input', 'tool_arguments'];
const AGENT_ARG_KEYS = ['gen_ai.input.messages', 'input.value', 'input'];

export function outcomeOf(isError: boolean, text: string): AgentAction['outcome'] {
  if (!isError) return 'ok';
  const t = text.toLowerCase();
  if (/timeout|timed out|deadline/.test(t)) return 'timeout';
  if (/denied|forbidden|permission|unauthori[sz]ed|not allowed/.test(t)) return 'denied';
  if (/argument|validation|schema|json|parse/.test(t)) return 'invalid_args';
  return 'error';
}

export function toAgentAction(span: SpanLike, invocation: boolean, extra: Record<string, AttrValue>): AgentAction {
  const a = span.attrs;
  const tool = invocation ? 'invoke_agent' : (firstStr(a, 'gen_ai.tool.name', 'tool.name') ?? span.name);
  const agent = firstStr(a, 'gen_ai.agent.name', 'gen_ai.agent.id') ?? span.service;
  let args: string | undefined;
  for (const k of invocation ? AGENT_ARG_KEYS : ARG_KEYS) {
    args = textOf(a[k]);
    if (args !== undefined) break;
  }
  const errorType = firstStr(a, 'error.type');
  const isError = span.statusError || errorType !== undefined;
  const action: AgentAction = {
    kind: 'agent_action',
    ...spanIdentity(span),
    agent: clampShort(agent),
    tool: clampShort(tool),
    argsDigest: digest(args),
    outcome: outcomeOf(isError, `${errorType ?? ''} ${span.statusMessage}`),
    attrs: buildAttrs(a, { ...extra, 'otel.span_name': span.name }),
  };
  if (span.parentSpanId !== '') action.parentSpanId = span.parentSpanId;
  if (isError) action.error = clampText([errorType, span.statusMessage].filter((x) => x !== undefined && x !== '').join(': ') || 'error');
  return action;
}
