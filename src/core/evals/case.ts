/**
 * One selected call → one eval case: the input as recorded (the call's messages or prompt, else the
 * nearest earlier input of its trace, plus the tool outputs it had read), the observed output and
 * the tool calls that followed, the expected behaviour, the label, tags and where it came from.
 * Every free text goes through `scrub` (the redactor, unless the export is raw).
 */
import type { EvalCase } from '../../shared/contract-evals';
import type { LlmCall } from '../../shared/events';
import { actionArguments, actionOutput, actionsAfter, actionsBefore } from './classify';
import type { Row } from './rows';
import { isCall } from './rows';
import type { Selected } from './select';

const MAX_TEXT = 16_384;
const MAX_TOOL_TEXT = 4_096;
const clip = (s: string, n = MAX_TEXT): string => (s.length > n ? s.slice(0, n) : s);

type Message = { role: string; content: string };

/** A recorded input that is a JSON list of chat messages (OpenAI / GenAI conventions), else null. */
export function messagesOf(text: string): Message[] | null {
  const t = text.trim();
  if (!t.startsWith('[')) return null;
  let v: unknown;
  try {
    v = JSON.parse(t);
  } catch {
    return null;
  }
  if (!Array.isArray(v) || v.length === 0 || v.length > 200) return null;
  const out: Message[] = [];
  for (const m of v) {
    if (typeof m !== 'object' || m === null) return null;
    const o = m as Record<string, unknown>;
    if (typeof o.role !== 'string') return null;
    out.push({ role: o.role.slice(0, 64), content: contentText(o.content ?? o.parts) });
  }
  return out;
}

/** Message content: a string, or the text of its parts (`{type: 'text', text}` / `{content}`). */
function contentText(c: unknown): string {
  if (typeof c === 'string') return c;
  if (Array.isArray(c)) {
    return c
      .map((p) => {
        if (typeof p === 'string') return p;
        if (typeof p === 'object' && p !== null) {
          const o = p as Record<string, unknown>;
          if (typeof o.text === 'string') return o.text;
          if (typeof o.content === 'string') return o.content;
          return JSON.stringify(p);
        }
        return '';
      })
      .join('\n');
  }
  return c === undefined || c === null ? '' : JSON.stringify(c);
}

function inputOf(call: Row & { event: LlmCall }, trace: readonly Row[], scrub: (s: string) => string): EvalCase['input'] {
  let text = call.event.inputPreview ?? null;
  let recorded: EvalCase['input']['recorded'] = text !== null ? 'call' : 'none';
  if (text === null) {
    const earlier = trace.filter((r) => isCall(r) && r.ts <= call.ts && r.id !== call.id && (r.event as LlmCall).inputPreview !== undefined).pop();
    if (earlier !== undefined) {
      text = (earlier.event as LlmCall).inputPreview ?? null;
      recorded = 'trace';
    }
  }
  const messages = text !== null ? messagesOf(text) : null;
  const tools = actionsBefore(trace, call)
    .map((a) => ({ tool: a.event.tool, content: actionOutput(a.event) }))
    .filter((t): t is { tool: string; content: string } => t.content !== null)
    .slice(-5);
  return {
    messages: messages?.map((m) => ({ role: m.role, content: clip(scrub(m.content)) })) ?? null,
    prompt: messages === null && text !== null ? clip(scrub(text)) : null,
    tool_results: tools.map((t) => ({ tool: t.tool.slice(0, 512), content: clip(scrub(t.content), MAX_TOOL_TEXT) })),
    recorded,
  };
}

export function buildCase(incidentId: string, s: Selected, trace: readonly Row[], scrub: (s: string) => string): EvalCase {
  const c = s.call.event;
  const tags = [
    `incident:${incidentId}`,
    `failure_mode:${s.finding.mode}`,
    `model:${c.model}`,
    `provider:${c.provider}`,
    ...(c.promptVersion !== undefined ? [`prompt_version:${c.promptVersion}`] : []),
    `service:${c.service}`,
    ...(s.finding.tool !== undefined ? [`tool:${s.finding.tool}`] : []),
    ...(s.baseline ? ['baseline'] : []),
    ...(s.cited.length > 0 ? ['cited'] : []),
  ].map((t) => t.slice(0, 600));
  return {
    id: `${incidentId}:${s.finding.mode}:${s.call.id}`,
    input: inputOf(s.call, trace, scrub),
    observed_output: {
      text: c.outputPreview !== undefined ? clip(scrub(c.outputPreview)) : null,
      finish_reason: c.finishReason ?? null,
      valid_json: c.outputValid ?? null,
      status: c.status,
      tool_calls: actionsAfter(trace, s.call)
        .slice(0, 20)
        .map((a) => {
          const args = actionArguments(a.event);
          return { tool: a.event.tool, outcome: a.event.outcome, arguments: args !== null ? clip(scrub(args), MAX_TOOL_TEXT) : null, error: a.event.error !== undefined ? clip(scrub(a.event.error), MAX_TOOL_TEXT) : null };
        }),
    },
    expected: scrub(s.finding.expected).slice(0, 2048),
    label: s.finding.label,
    tags,
    source: { trace_id: c.traceId ?? null, span_id: c.spanId ?? null, event_id: s.call.id, ts: s.call.ts, time: new Date(s.call.ts).toISOString() },
    why: `${s.why}: ${s.finding.detail}`.slice(0, 1024),
  };
}
