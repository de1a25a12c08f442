/** Background traffic of the services that are not part of the incident: checkout, payments, search. */
import type { GenContext } from './agent-request';

const CHECKOUT_ROUTES = ['GET /cart', 'GET /checkout', 'POST /api/checkout', 'GET /api/orders/:id'] as const;

export function checkoutRequest(ctx: GenContext, ts: number): number {
  const { rng } = ctx;
  const traceId = rng.hex(32);
  const root = rng.hex(16);
  const route = rng.pick(CHECKOUT_ROUTES);
  const failed = rng.chance(0.003);
  let count = 1;
  let durMs = Math.round(rng.range(12, 90));
  if (route === 'POST /api/checkout') {
    const client = rng.hex(16);
    const payDur = Math.round(rng.range(80, 260));
    const start = ts + rng.int(3, 15);
    ctx.emit({
      kind: 'span', externalId: client, ts: start, durMs: payDur, service: 'checkout-web', traceId, spanId: client,
      parentSpanId: root, name: 'POST payments-api /v1/payments/authorize', spanKind: 'client', status: failed ? 'error' : 'ok',
    });
    const server = rng.hex(16);
    ctx.emit({
      kind: 'span', externalId: server, ts: start + 2, durMs: payDur - 4, service: 'payments-api', traceId, spanId: server,
      parentSpanId: client, name: 'POST /v1/payments/authorize', spanKind: 'server', status: failed ? 'error' : 'ok',
      statusMessage: failed ? 'psp gateway timeout' : undefined,
      attrs: { 'http.response.status_code': failed ? 504 : 200 },
    });
    ctx.emit({
      kind: 'log', externalId: `demo-log-${ctx.seq()}`, ts: start + payDur - 3, service: 'payments-api', traceId, spanId: server,
      severity: failed ? 'error' : 'info',
      body: failed
        ? `authorize failed: psp gateway timeout after ${payDur}ms provider=adyen trace_id=${traceId}`
        : `payment authorized amount=${rng.range(8, 240).toFixed(2)} currency=USD provider=adyen trace_id=${traceId}`,
    });
    count += 3;
    durMs = payDur + 30;
  }
  ctx.emit({
    kind: 'span', externalId: root, ts, durMs, service: 'checkout-web', traceId, spanId: root, name: route, spanKind: 'server',
    status: failed ? 'error' : 'ok', statusMessage: failed ? 'upstream returned 504' : undefined,
    attrs: { 'http.response.status_code': failed ? 502 : 200 },
  });
  if (failed) {
    ctx.emit({
      kind: 'log', externalId: `demo-log-${ctx.seq()}`, ts: ts + durMs, service: 'checkout-web', traceId, spanId: root, severity: 'error',
      body: `${route} -> 502 upstream payments-api returned 504 trace_id=${traceId}`,
    });
    count++;
  }
  return count;
}

export function paymentsWebhook(ctx: GenContext, ts: number): number {
  const { rng } = ctx;
  const traceId = rng.hex(32);
  const span = rng.hex(16);
  const durMs = Math.round(rng.range(5, 40));
  ctx.emit({
    kind: 'span', externalId: span, ts, durMs, service: 'payments-api', traceId, spanId: span, name: 'POST /v1/webhooks/psp',
    spanKind: 'server', status: 'ok', attrs: { 'http.response.status_code': 200 },
  });
  ctx.emit({
    kind: 'log', externalId: `demo-log-${ctx.seq()}`, ts: ts + durMs, service: 'payments-api', traceId, spanId: span, severity: 'info',
    body: `psp notification processed event=${rng.pick(['AUTHORISATION', 'CAPTURE', 'REFUND'])} psp_ref=${rng.hex(16).toUpperCase()} trace_id=${traceId}`,
  });
  return 2;
}

export function searchRequest(ctx: GenContext, ts: number): number {
  const { rng } = ctx;
  const traceId = rng.hex(32);
  const span = rng.hex(16);
  const durMs = Math.round(rng.range(8, 70));
  const failed = rng.chance(0.002);
  ctx.emit({
    kind: 'span', externalId: span, ts, durMs, service: 'search-svc', traceId, spanId: span, name: 'GET /v1/search',
    spanKind: 'server', status: failed ? 'error' : 'ok', statusMessage: failed ? 'opensearch: circuit breaker open' : undefined,
    attrs: { 'http.response.status_code': failed ? 503 : 200, index: 'products' },
  });
  if (failed || rng.chance(0.25)) {
    ctx.emit({
      kind: 'log', externalId: `demo-log-${ctx.seq()}`, ts: ts + durMs, service: 'search-svc', traceId, spanId: span,
      severity: failed ? 'error' : 'debug',
      body: failed
        ? `search failed: opensearch circuit breaker open index=products trace_id=${traceId}`
        : `search ok index=products hits=${rng.int(0, 480)} took_ms=${durMs} trace_id=${traceId}`,
    });
    return 2;
  }
  return 1;
}
