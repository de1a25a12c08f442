/**
 * Which event a span becomes, from the OpenTelemetry GenAI conventions (current and deprecated
 * names) and OpenInference. The rule, in order:
 *
 * 1. `gen_ai.operation.name` = execute_tool, or OpenInference kind TOOL, or (no operation and no
 *    model but a `gen_ai.tool.name`) → a tool execution (AgentAction).
 * 2. `gen_ai.operation.name` = invoke_agent, or OpenInference kind AGENT → an agent invocation:
 *    an AgentAction with tool = 'invoke_agent' (so it shows on the agent lane beside its tools).
 * 3. `gen_ai.operation.name` = create_agent → a plain span (setup, not an action); its
 *    gen_ai.agent.* attributes are kept.
 * 4. Any other `gen_ai.operation.name` (chat, text_completion, generate_content, embeddings…),
 *    OpenInference kind LLM or EMBEDDING, or no operation but a model attribute
 *    (gen_ai.request.model, gen_ai.response.model, llm.model_name, embedding.model_name) → LlmCall.
 * 5. Everything else → a plain span.
 */
import { firstStr, type AttrMap } from './read';

export type GenAiClass =
  | { kind: 'tool' }
  | { kind: 'agent' }
  | { kind: 'llm'; operation: string }
  | { kind: 'span'; operation?: string };

export const MODEL_KEYS = ['gen_ai.response.model', 'gen_ai.request.model', 'llm.model_name', 'embedding.model_name'] as const;

export function classify(a: AttrMap): GenAiClass {
  const op = firstStr(a, 'gen_ai.operation.name');
  const oi = firstStr(a, 'openinference.span.kind')?.toUpperCase();
  const hasModel = firstStr(a, ...MODEL_KEYS) !== undefined;
  if (op === 'execute_tool' || (op === undefined && oi === 'TOOL')) return { kind: 'tool' };
  if (op === undefined && oi === undefined && !hasModel && firstStr(a, 'gen_ai.tool.name') !== undefined) return { kind: 'tool' };
  if (op === 'invoke_agent' || (op === undefined && oi === 'AGENT')) return { kind: 'agent' };
  if (op === 'create_agent') return { kind: 'span', operation: op };
  if (op !== undefined) return { kind: 'llm', operation: op };
  if (oi === 'LLM') return { kind: 'llm', operation: 'chat' };
  if (oi === 'EMBEDDING') return { kind: 'llm', operation: 'embeddings' };
  if (oi === undefined && hasModel) return { kind: 'llm', operation: 'chat' };
  return { kind: 'span' };
}
