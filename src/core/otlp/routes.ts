/**
 * OTLP/HTTP routes: POST /v1/traces, /v1/logs, /v1/metrics with application/json or
 * application/x-protobuf bodies (gzip is removed by the server). Answers follow the OTLP/HTTP
 * spec: 200 with an Export*ServiceResponse in the request's encoding, carrying partialSuccess
 * (rejected count + the first reason) when some items were invalid (the valid ones are stored);
 * 400 with a google.rpc.Status when the body cannot be decoded at all; 415 for other types.
 */
import type { CoreContext } from '../app/context';
import { loadPriceTable, DEFAULT_PRICES } from '../connectors/common/prices';
import type { PriceTable } from '../import/formats/types';
import type { ReceiverRequest, ReceiverResponse, ReceiverRoute } from '../receiver/types';
import { ReceiverBusyError } from '../receiver/errors';
import { mapLogs } from './logs';
import { mapMetrics } from './metrics';
import { decodeRequest, encodeResponse, encodeStatus, type Signal } from './proto';
import { mapTraces } from './spans';
import { inlineWriter } from '../store/async-writer';

type Encoding = 'json' | 'protobuf';

const REJECTED_FIELD: Record<Signal, string> = { traces: 'rejectedSpans', logs: 'rejectedLogRecords', metrics: 'rejectedDataPoints' };

function encodingOf(contentType: string | undefined): Encoding | null {
  const t = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (t === 'application/json') return 'json';
  if (t === 'application/x-protobuf' || t === 'application/protobuf') return 'protobuf';
  return null;
}

function reply(signal: Signal, enc: Encoding, rejected: number, error: string): ReceiverResponse {
  const partial = rejected > 0 ? { partialSuccess: { [REJECTED_FIELD[signal]]: rejected, errorMessage: error } } : {};
  if (enc === 'json') return { status: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(partial) };
  return { status: 200, headers: { 'Content-Type': 'application/x-protobuf' }, body: encodeResponse(signal, partial) };
}

/** 400 with a google.rpc.Status (code 3 = INVALID_ARGUMENT) in the request's encoding. */
function badRequest(enc: Encoding, message: string): ReceiverResponse {
  if (enc === 'json') return { status: 400, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code: 3, message }) };
  return { status: 400, headers: { 'Content-Type': 'application/x-protobuf' }, body: encodeStatus(3, message) };
}

export interface MappedRequest {
  events: import('../../shared/events').EventInput[];
  series: import('../../shared/events').MetricSeriesInput[];
  rejected: number;
  error: string;
}

/** Maps a decoded request of one signal (throws TypeError when the top level has the wrong shape). */
export function mapRequest(signal: Signal, doc: unknown, prices: PriceTable): MappedRequest {
  switch (signal) {
    case 'traces':
      return { ...mapTraces(doc, { prices }), series: [] };
    case 'logs':
      return { ...mapLogs(doc), series: [] };
    case 'metrics': {
      const m = mapMetrics(doc);
      return { events: [], series: m.series, rejected: m.rejected, error: m.error };
    }
  }
}

function decode(signal: Signal, enc: Encoding, body: Buffer): unknown {
  if (enc === 'protobuf') return decodeRequest(signal, body);
  return JSON.parse(body.toString('utf8')) as unknown;
}

export function otlpRoutes(ctx: CoreContext, opts?: { prices?: PriceTable }): ReceiverRoute[] {
  let prices = opts?.prices;
  if (!prices) {
    try {
      prices = loadPriceTable(ctx.dataDir);
    } catch (err) {
      ctx.log('[otlp] prices.json ignored, using the default price table', err instanceof Error ? err.message : err);
      prices = { ...DEFAULT_PRICES };
    }
  }
  const table = prices;
  const writer = ctx.writer ?? inlineWriter(ctx.store);
  let notifyTimer: NodeJS.Timeout | null = null;
  const areas = new Set<'events' | 'metrics'>();
  const notify = (area: 'events' | 'metrics'): void => {
    areas.add(area);
    if (notifyTimer) return;
    notifyTimer = setTimeout(() => {
      notifyTimer = null;
      const list = [...areas];
      areas.clear();
      if (list.length > 0) ctx.emit('store.changed', { areas: list });
    }, 250);
    notifyTimer.unref();
  };

  const route = (signal: Signal): ReceiverRoute => ({
    method: 'POST',
    path: `/v1/${signal}`,
    async handle(req: ReceiverRequest): Promise<ReceiverResponse> {
      const enc = encodingOf(req.headers['content-type']);
      if (enc === null) return { status: 415, body: 'Content-Type must be application/json or application/x-protobuf\n' };
      let doc: unknown;
      try {
        doc = decode(signal, enc, req.body);
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err);
        return badRequest(enc, `body is not a valid OTLP/${enc === 'json' ? 'JSON' : 'protobuf'} ${signal} request: ${why.slice(0, 300)}`);
      }
      let mapped: MappedRequest;
      try {
        mapped = mapRequest(signal, doc, table);
      } catch (err) {
        return badRequest(enc, err instanceof Error ? err.message : String(err));
      }
      if (mapped.events.length > 0 || mapped.series.length > 0) {
        if (ctx.store.readOnly) throw new ReceiverBusyError('the store is open read-only');
        try {
          await writer.write(mapped.events, mapped.series);
        } catch (err) {
          if (err instanceof Error && /SQLITE_BUSY|SQLITE_LOCKED|database is locked/i.test(`${(err as { code?: string }).code ?? ''} ${err.message}`)) {
            throw new ReceiverBusyError('the store is busy, retry later');
          }
          throw err;
        }
        notify(mapped.series.length > 0 ? 'metrics' : 'events');
      }
      return reply(signal, enc, mapped.rejected, mapped.error);
    },
  });
  return [route('traces'), route('logs'), route('metrics')];
}
