/**
 * The non-AI services: a frontend, an orders API on PostgreSQL, payments calling an external
 * payment provider, search, and a billing worker. Also the calls the agent's tools make to them.
 */
import type { Svc } from '../world';
import { type Flow, type FlowCtx, latency, placement, podOf, sampled, slowOf, spanId, traceId, user } from './common';

export interface CallResult {
  end: number;
  ok: boolean;
  status: number;
  message?: string;
}

interface CallReq {
  ts: number;
  traceId: string;
  parent: string;
  caller: string;
}

const RESET_TERM = 'upstream connect error or disconnect/reset before headers. reset reason: connection termination';

/**
 * The caller's client span to `target` and, when the target answered, its server span with `serve`
 * inside. Crashed pods (OOM restarts) and expired certificates fail before the server sees anything.
 */
function call(ctx: FlowCtx, r: CallReq, target: Svc, method: string, route: string, serve: (ts: number, traceId: string, parent: string) => CallResult): CallResult {
  const { knobs, rng, emit } = ctx;
  const client = spanId(ctx);
  const start = r.ts + rng.int(1, 4);
  const clientName = `${method} ${target.name}${route}`;
  let res: CallResult;
  if (knobs.certExpired?.(target.name, start) === true) {
    const msg = `Get "https://${target.name}.${target.namespace}.svc:8443${route}": tls: failed to verify certificate: x509: certificate has expired or is not yet valid: current time ${new Date(start).toISOString().slice(0, 19)}Z is after ${new Date(ctx.world.t0 - 120_000).toISOString().slice(0, 19)}Z`;
    res = { end: start + rng.int(3, 12), ok: false, status: 0, message: msg };
  } else if (rng.chance(knobs.serviceCrash?.(target.name, start) ?? 0)) {
    res = { end: start + rng.int(2, 30), ok: false, status: 503, message: RESET_TERM };
  } else {
    res = serve(start + 1, r.traceId, client);
  }
  emit.span({
    service: r.caller, traceId: r.traceId, spanId: client, parentSpanId: r.parent, name: clientName, kind: 'client', start, durMs: Math.max(1, res.end - start),
    error: !res.ok, statusMessage: res.ok ? undefined : res.message,
    attrs: { 'http.request.method': method, 'server.address': `${target.name}.${target.namespace}.svc`, 'peer.service': target.name, 'url.path': route, ...(res.status > 0 ? { 'http.response.status_code': res.status } : { 'error.type': 'x509' }) },
  });
  return res;
}

/** The orders API: one query on PostgreSQL through a HikariCP-like pool. */
export function ordersCall(ctx: FlowCtx, r: CallReq, method: 'GET' | 'POST' | 'PATCH', route: string): CallResult {
  const { world, knobs, rng, emit } = ctx;
  const svc = world.orders;
  return call(ctx, r, svc, method, route, (ts, trace, parent) => {
    const pod = podOf(ctx, svc, ts);
    const id = spanId(ctx);
    const exhausted = knobs.dbPool?.(svc.name, ts) ?? 0;
    const slow = slowOf(ctx, pod, ts);
    let cursor = ts + Math.round(latency(ctx, 3) * slow);
    let ok = true;
    let message: string | undefined;
    if (rng.chance(exhausted * 0.85)) {
      cursor += 5_000 + rng.int(0, 40);
      ok = false;
      message = 'HikariPool-1 - Connection is not available, request timed out after 5000ms.';
      emit.log({
        service: svc.name, ts: cursor, severity: 'error', traceId: trace, spanId: id, attrs: { 'k8s.pod.name': pod.name, 'exception.type': 'java.sql.SQLTransientConnectionException' },
        body: `${message} (total=20, active=20, idle=0, waiting=${rng.int(12, 80)}) route=${route} trace_id=${trace}`,
      });
    } else {
      cursor += Math.round(exhausted * rng.range(100, 2_500));
      const dbDur = Math.round(latency(ctx, method === 'GET' ? 4 : 9) * (1 + 5 * exhausted) * slow);
      emit.span({
        service: svc.name, traceId: trace, spanId: spanId(ctx), parentSpanId: id, name: method === 'GET' ? 'SELECT orders' : method === 'POST' ? 'INSERT orders' : 'UPDATE orders',
        kind: 'client', start: cursor, durMs: dbDur,
        attrs: { 'db.system': 'postgresql', 'db.name': world.db.dbName, 'server.address': world.db.host, 'peer.service': world.db.name, 'db.operation': method === 'GET' ? 'SELECT' : method === 'POST' ? 'INSERT' : 'UPDATE' },
      });
      cursor += dbDur + Math.round(latency(ctx, 2) * slow);
      if (rng.chance(0.002)) {
        ok = false;
        message = 'optimistic lock failure on orders row';
      }
    }
    const status = ok ? 200 : 500;
    emit.span({
      service: svc.name, traceId: trace, spanId: id, parentSpanId: parent, name: `${method} ${route}`, kind: 'server', start: ts, durMs: cursor - ts,
      error: !ok, statusMessage: message, attrs: { 'http.request.method': method, 'http.route': route, 'http.response.status_code': status, ...placement(pod) },
    });
    if (ok && sampled(ctx, 0.15)) {
      emit.log({ service: svc.name, ts: cursor, severity: 'info', traceId: trace, spanId: id, body: `${method} ${route} completed status=200 duration_ms=${cursor - ts} trace_id=${trace}` });
    }
    return { end: cursor + 1, ok, status, ...(message !== undefined ? { message } : {}) };
  });
}

/** Payments: authorize or capture through the external payment provider. */
export function paymentsCall(ctx: FlowCtx, r: CallReq, route: string): CallResult {
  const { world, rng, emit } = ctx;
  const svc = world.payments;
  return call(ctx, r, svc, 'POST', route, (ts, trace, parent) => {
    const pod = podOf(ctx, svc, ts);
    const id = spanId(ctx);
    const up = upstreamCall(ctx, { ts: ts + rng.int(2, 8), traceId: trace, parent: id, caller: svc.name });
    const status = up.ok ? 200 : 502;
    const end = up.end + latency(ctx, 4);
    emit.span({
      service: svc.name, traceId: trace, spanId: id, parentSpanId: parent, name: `POST ${route}`, kind: 'server', start: ts, durMs: end - ts,
      error: !up.ok, statusMessage: up.ok ? undefined : `${world.upstream.peer} returned ${up.status}`,
      attrs: { 'http.request.method': 'POST', 'http.route': route, 'http.response.status_code': status, ...placement(pod) },
    });
    emit.log({
      service: svc.name, ts: end, severity: up.ok ? 'info' : 'error', traceId: trace, spanId: id,
      body: up.ok
        ? `payment authorized amount=${rng.range(8, 240).toFixed(2)} currency=USD provider=${world.upstream.peer} trace_id=${trace}`
        : `authorize failed: ${world.upstream.peer} ${up.message ?? ''} provider=${world.upstream.peer} trace_id=${trace}`,
    });
    return { end: end + 1, ok: up.ok, status, ...(up.ok ? {} : { message: `${world.upstream.peer} returned ${up.status}` }) };
  });
}

/** A client call to the external payment provider (the upstream). */
export function upstreamCall(ctx: FlowCtx, r: CallReq): CallResult {
  const { world, knobs, rng, emit } = ctx;
  const rate = knobs.upstream?.(world.upstream.peer, r.ts) ?? 0;
  const failed = rng.chance(rate) || rng.chance(0.002);
  const timeout = failed && rng.chance(0.4);
  const status = failed ? (timeout ? 504 : rng.pick([502, 503, 503])) : 200;
  const dur = timeout ? 10_000 : failed ? latency(ctx, 40) : latency(ctx, 180, 0.3);
  const message = timeout ? 'context deadline exceeded (Client.Timeout exceeded while awaiting headers)' : failed ? `${status} ${status === 502 ? 'Bad Gateway' : 'Service Unavailable'}` : undefined;
  emit.span({
    service: r.caller, traceId: r.traceId, spanId: spanId(ctx), parentSpanId: r.parent, name: world.upstream.route, kind: 'client', start: r.ts, durMs: dur,
    error: failed, statusMessage: message,
    attrs: {
      'http.request.method': 'POST', 'server.address': world.upstream.host, 'peer.service': world.upstream.peer, 'url.full': `https://${world.upstream.host}${world.upstream.route.split(' ')[1] ?? '/'}`,
      ...(timeout ? { 'error.type': 'timeout' } : { 'http.response.status_code': status }),
    },
  });
  return { end: r.ts + dur + 1, ok: !failed, status, ...(message !== undefined ? { message } : {}) };
}

export function searchCall(ctx: FlowCtx, r: CallReq, index: string): CallResult {
  const { world, rng, emit } = ctx;
  const svc = world.search;
  return call(ctx, r, svc, 'GET', '/v1/search', (ts, trace, parent) => {
    const pod = podOf(ctx, svc, ts);
    const dur = Math.round(latency(ctx, 35) * slowOf(ctx, pod, ts));
    const failed = rng.chance(0.002);
    emit.span({
      service: svc.name, traceId: trace, spanId: spanId(ctx), parentSpanId: parent, name: 'GET /v1/search', kind: 'server', start: ts, durMs: dur,
      error: failed, statusMessage: failed ? 'opensearch: circuit breaker open' : undefined,
      attrs: { 'http.request.method': 'GET', 'http.route': '/v1/search', 'http.response.status_code': failed ? 503 : 200, 'search.index': index, ...placement(pod) },
    });
    if (failed) emit.log({ service: svc.name, ts: ts + dur, severity: 'error', traceId: trace, body: `search failed: opensearch circuit breaker open index=${index} trace_id=${trace}` });
    return { end: ts + dur + 1, ok: !failed, status: failed ? 503 : 200 };
  });
}

/** The frontend's server span around `inner`, with its access log. */
function frontend(ctx: FlowCtx, ts: number, method: string, route: string, inner: (trace: string, parent: string, start: number) => CallResult): void {
  const { world, rng, emit } = ctx;
  const trace = traceId(ctx);
  const id = spanId(ctx);
  const pod = podOf(ctx, world.frontend, ts);
  const res = inner(trace, id, ts + rng.int(1, 5));
  const status = res.ok ? 200 : res.status === 0 || res.status >= 500 ? 502 : res.status;
  const end = res.end + Math.round(latency(ctx, 3) * slowOf(ctx, pod, ts));
  emit.span({
    service: world.frontend.name, traceId: trace, spanId: id, name: `${method} ${route}`, kind: 'server', start: ts, durMs: end - ts, error: !res.ok,
    statusMessage: res.ok ? undefined : `upstream returned ${res.status || 'a TLS error'}`,
    attrs: { 'http.request.method': method, 'http.route': route, 'http.response.status_code': status, 'user.id': user(ctx), ...placement(pod) },
  });
  if (!res.ok) {
    emit.log({ service: world.frontend.name, ts: end, severity: 'error', traceId: trace, spanId: id, body: `${method} ${route} -> ${status}: ${res.message ?? 'upstream error'} trace_id=${trace}` });
  } else if (sampled(ctx, 0.1)) {
    emit.log({ service: world.frontend.name, ts: end, severity: 'info', traceId: trace, spanId: id, body: `${method} ${route} ${status} ${end - ts}ms` });
  }
}

export const checkoutFlow: Flow = (ctx, ts) =>
  frontend(ctx, ts, 'POST', '/api/checkout', (trace, parent, start) => {
    const order = ordersCall(ctx, { ts: start, traceId: trace, parent, caller: ctx.world.frontend.name }, 'POST', '/orders');
    if (!order.ok) return order;
    return paymentsCall(ctx, { ts: order.end + 1, traceId: trace, parent, caller: ctx.world.frontend.name }, '/v1/payments/authorize');
  });

export const ordersFlow: Flow = (ctx, ts) =>
  frontend(ctx, ts, 'GET', '/api/orders/:id', (trace, parent, start) => ordersCall(ctx, { ts: start, traceId: trace, parent, caller: ctx.world.frontend.name }, 'GET', '/orders/{id}'));

export const searchFlow: Flow = (ctx, ts) =>
  frontend(ctx, ts, 'GET', '/api/search', (trace, parent, start) => searchCall(ctx, { ts: start, traceId: trace, parent, caller: ctx.world.frontend.name }, 'products'));

/** The billing worker captures settled payments with the same provider and records them. */
export const billingFlow: Flow = (ctx, ts) => {
  const { world, emit, rng } = ctx;
  const trace = traceId(ctx);
  const id = spanId(ctx);
  const pod = podOf(ctx, world.billing, ts);
  const up = upstreamCall(ctx, { ts: ts + 2, traceId: trace, parent: id, caller: world.billing.name });
  const end = up.end + latency(ctx, 6);
  emit.span({
    service: world.billing.name, traceId: trace, spanId: id, name: 'capture settled payment', kind: 'consumer', start: ts, durMs: end - ts, error: !up.ok,
    statusMessage: up.ok ? undefined : `capture failed: ${up.message ?? ''}`, attrs: { 'messaging.system': 'kafka', 'messaging.destination.name': 'payments.settled', ...placement(pod) },
  });
  emit.log({
    service: world.billing.name, ts: end, severity: up.ok ? 'info' : 'error', traceId: trace, spanId: id,
    body: up.ok ? `captured payment psp_ref=${rng.hex(16).toUpperCase()} provider=${world.upstream.peer}` : `capture failed, will retry: ${world.upstream.peer} ${up.message ?? ''} attempt=${rng.int(1, 5)}`,
  });
};
