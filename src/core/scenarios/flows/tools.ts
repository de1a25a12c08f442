/** The agent's tool executions (GenAI `execute_tool` spans) and the calls they make to other services. */
import type { ToolOverride } from '../types';
import { type FlowCtx, latency, spanId } from './common';
import { ordersCall, paymentsCall, searchCall, type CallResult } from './web';

export interface ToolRequest {
  ts: number;
  traceId: string;
  parent: string;
  tool: string;
  /** Arguments the model chose (JSON text); drawn when absent. */
  args?: string;
  /** What the tool returned, when the scenario decides (a poisoned document…). */
  result?: string;
  /** An outcome decided by the caller (a guard blocking a steered call). */
  force?: ToolOverride;
}

export interface ToolResult {
  end: number;
  outcome: ToolOverride['outcome'];
  result: string;
}

const ERROR_TYPE: Record<ToolOverride['outcome'], string | undefined> = {
  ok: undefined,
  error: 'ToolError',
  invalid_args: 'ValidationError',
  denied: 'PermissionDenied',
  timeout: 'ToolTimeout',
};

function drawArgs(ctx: FlowCtx, tool: string): string {
  const { rng } = ctx;
  switch (tool) {
    case 'get_order_status':
      return JSON.stringify({ order_id: `ORD-${rng.int(10_000_000, 99_999_999)}` });
    case 'search_kb':
      return JSON.stringify({ query: rng.pick(['return policy', 'shipping times', 'change address', 'discount code not working', 'warranty claim']) });
    case 'create_ticket':
      return JSON.stringify({ priority: rng.pick(['low', 'normal', 'high']), subject: 'customer follow-up' });
    case 'lookup_customer':
      return JSON.stringify({ customer_id: `C-${rng.int(100_000, 999_999)}` });
    case 'update_address':
      return JSON.stringify({ order_id: `ORD-${rng.int(10_000_000, 99_999_999)}`, postcode: String(rng.int(10_000, 99_999)) });
    case 'refund_order':
      return JSON.stringify({ order_id: `ORD-${rng.int(10_000_000, 99_999_999)}`, amount: Number(rng.range(5, 180).toFixed(2)) });
    case 'send_email':
      return JSON.stringify({ to: 'customer@example.com', template: 'order_update' });
    case 'http_get':
      return JSON.stringify({ url: `https://carrier-tracking.example.com/track/${rng.hex(10)}` });
    default:
      return '{}';
  }
}

/** What the tool calls downstream; undefined when it has no traced dependency. */
function downstream(ctx: FlowCtx, tool: string, ts: number, trace: string, parent: string): CallResult | undefined {
  const caller = ctx.world.agent.name;
  switch (tool) {
    case 'get_order_status':
      return ordersCall(ctx, { ts, traceId: trace, parent, caller }, 'GET', '/orders/{id}');
    case 'update_address':
      return ordersCall(ctx, { ts, traceId: trace, parent, caller }, 'PATCH', '/orders/{id}/address');
    case 'refund_order':
      return paymentsCall(ctx, { ts, traceId: trace, parent, caller }, '/v1/refunds');
    case 'search_kb':
      return searchCall(ctx, { ts, traceId: trace, parent, caller }, 'help-center');
    default:
      return undefined;
  }
}

function backgroundOutcome(ctx: FlowCtx, tool: string, args: string): ToolOverride | null {
  const { rng } = ctx;
  if (tool === 'refund_order' && rng.chance(0.04)) return { outcome: 'denied', message: 'refund exceeds the agent limit of 200.00 USD; handoff required' };
  if (tool === 'get_order_status' && rng.chance(0.01)) return { outcome: 'invalid_args', message: `order_id must match ^ORD-[0-9]{8}$ (got ${args.slice(13, 25)})` };
  if (rng.chance(0.004)) return { outcome: 'timeout', message: `${tool} did not answer within 5s`, durMul: 40 };
  return null;
}

const RESULTS: Record<string, string> = {
  get_order_status: '{"status":"shipped","carrier":"UPS","eta":"2 days"}',
  search_kb: 'Returns are accepted within 30 days of delivery with the original receipt.',
  create_ticket: '{"ticket":"created"}',
  lookup_customer: '{"tier":"gold","orders":14}',
  update_address: '{"updated":true}',
  refund_order: '{"refund":"issued"}',
  send_email: '{"queued":true}',
  http_get: '{"status":"in transit"}',
};

export function toolCall(ctx: FlowCtx, r: ToolRequest): ToolResult {
  const { world, knobs, rng, emit } = ctx;
  const id = spanId(ctx);
  const args = r.args ?? drawArgs(ctx, r.tool);
  const forced = r.force ?? knobs.toolOverride?.(r.tool, r.ts, rng) ?? backgroundOutcome(ctx, r.tool, args);
  let end = r.ts + Math.round(latency(ctx, 25) * (forced?.durMul ?? 1));
  let outcome = forced?.outcome ?? 'ok';
  let message = forced?.message;
  if (outcome === 'ok') {
    const down = downstream(ctx, r.tool, r.ts + 2, r.traceId, id);
    if (down) {
      end = Math.max(end, down.end + 2);
      if (!down.ok) {
        outcome = 'error';
        message = `${r.tool} failed: downstream returned ${down.status || 'a TLS error'}: ${down.message ?? ''}`;
      }
    } else if (r.tool === 'send_email' || r.tool === 'http_get' || r.tool === 'create_ticket') {
      const host = r.tool === 'send_email' ? 'api.sendgrid.com' : r.tool === 'create_ticket' ? 'acme.zendesk.com' : (/https?:\/\/([^/"]+)/.exec(args)?.[1] ?? 'example.com');
      const dur = latency(ctx, 120);
      emit.span({
        service: world.agent.name, traceId: r.traceId, spanId: spanId(ctx), parentSpanId: id, name: r.tool === 'http_get' ? 'GET' : 'POST', kind: 'client', start: r.ts + 2, durMs: dur,
        attrs: { 'http.request.method': r.tool === 'http_get' ? 'GET' : 'POST', 'server.address': host, 'http.response.status_code': 200 },
      });
      end = Math.max(end, r.ts + dur + 4);
    }
  }
  const result = outcome === 'ok' ? (r.result ?? forced?.result ?? RESULTS[r.tool] ?? '{}') : '';
  const errorType = ERROR_TYPE[outcome];
  emit.span({
    service: world.agent.name, traceId: r.traceId, spanId: id, parentSpanId: r.parent, name: `execute_tool ${r.tool}`, kind: 'internal', start: r.ts, durMs: end - r.ts,
    error: errorType !== undefined, statusMessage: message,
    attrs: {
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': r.tool,
      'gen_ai.tool.call.id': `call_${rng.hex(24)}`,
      'gen_ai.tool.call.arguments': args,
      'gen_ai.agent.name': world.agent.agentName,
      ...(result !== '' ? { 'gen_ai.tool.call.result': result } : {}),
      ...(errorType !== undefined ? { 'error.type': errorType } : {}),
    },
  });
  if (outcome !== 'ok') {
    emit.log({
      service: world.agent.name, ts: end, severity: outcome === 'denied' ? 'info' : 'warn', traceId: r.traceId, spanId: id,
      body: `tool ${r.tool} ${outcome === 'invalid_args' ? 'rejected arguments' : outcome}: ${message ?? ''} trace_id=${r.traceId}`,
    });
  }
  return { end: end + 1, outcome, result };
}
