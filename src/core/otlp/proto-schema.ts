/**
 * The OTLP protobuf messages Sitrep reads and writes (opentelemetry-proto v1: common, resource,
 * trace, logs, metrics and the collector service requests/responses), as a protobufjs JSON
 * descriptor. Field names are lowerCamelCase, as in OTLP/JSON, so decoded messages go through
 * the same mappers. Exemplars are left out (protobufjs skips unknown fields).
 */
import protobuf from 'protobufjs';

type Fields = Record<string, { type: string; id: number; rule?: 'repeated' }>;
const f = (type: string, id: number, repeated = false): { type: string; id: number; rule?: 'repeated' } =>
  repeated ? { type, id, rule: 'repeated' } : { type, id };
const msg = (fields: Fields, oneofs?: Record<string, { oneof: string[] }>): Record<string, unknown> => (oneofs ? { fields, oneofs } : { fields });

const KV = 'KeyValue';
const descriptor = {
  nested: {
    otlp: {
      nested: {
        AnyValue: msg(
          {
            stringValue: f('string', 1),
            boolValue: f('bool', 2),
            intValue: f('int64', 3),
            doubleValue: f('double', 4),
            arrayValue: f('ArrayValue', 5),
            kvlistValue: f('KeyValueList', 6),
            bytesValue: f('bytes', 7),
          },
          { value: { oneof: ['stringValue', 'boolValue', 'intValue', 'doubleValue', 'arrayValue', 'kvlistValue', 'bytesValue'] } },
        ),
        ArrayValue: msg({ values: f('AnyValue', 1, true) }),
        KeyValueList: msg({ values: f(KV, 1, true) }),
        KeyValue: msg({ key: f('string', 1), value: f('AnyValue', 2) }),
        InstrumentationScope: msg({ name: f('string', 1), version: f('string', 2), attributes: f(KV, 3, true), droppedAttributesCount: f('uint32', 4) }),
        Resource: msg({ attributes: f(KV, 1, true), droppedAttributesCount: f('uint32', 2) }),
        // trace
        ExportTraceServiceRequest: msg({ resourceSpans: f('ResourceSpans', 1, true) }),
        ResourceSpans: msg({ resource: f('Resource', 1), scopeSpans: f('ScopeSpans', 2, true), schemaUrl: f('string', 3) }),
        ScopeSpans: msg({ scope: f('InstrumentationScope', 1), spans: f('Span', 2, true), schemaUrl: f('string', 3) }),
        Span: msg({
          traceId: f('bytes', 1),
          spanId: f('bytes', 2),
          traceState: f('string', 3),
          parentSpanId: f('bytes', 4),
          name: f('string', 5),
          kind: f('int32', 6),
          startTimeUnixNano: f('fixed64', 7),
          endTimeUnixNano: f('fixed64', 8),
          attributes: f(KV, 9, true),
          droppedAttributesCount: f('uint32', 10),
          events: f('SpanEvent', 11, true),
          droppedEventsCount: f('uint32', 12),
          links: f('SpanLink', 13, true),
          droppedLinksCount: f('uint32', 14),
          status: f('Status', 15),
          flags: f('fixed32', 16),
        }),
        SpanEvent: msg({ timeUnixNano: f('fixed64', 1), name: f('string', 2), attributes: f(KV, 3, true), droppedAttributesCount: f('uint32', 4) }),
        SpanLink: msg({ traceId: f('bytes', 1), spanId: f('bytes', 2), traceState: f('string', 3), attributes: f(KV, 4, true), droppedAttributesCount: f('uint32', 5), flags: f('fixed32', 6) }),
        Status: msg({ message: f('string', 2), code: f('int32', 3) }),
        ExportTraceServiceResponse: msg({ partialSuccess: f('ExportTracePartialSuccess', 1) }),
        ExportTracePartialSuccess: msg({ rejectedSpans: f('int64', 1), errorMessage: f('string', 2) }),
        // logs
        ExportLogsServiceRequest: msg({ resourceLogs: f('ResourceLogs', 1, true) }),
        ResourceLogs: msg({ resource: f('Resource', 1), scopeLogs: f('ScopeLogs', 2, true), schemaUrl: f('string', 3) }),
        ScopeLogs: msg({ scope: f('InstrumentationScope', 1), logRecords: f('LogRecord', 2, true), schemaUrl: f('string', 3) }),
        LogRecord: msg({
          timeUnixNano: f('fixed64', 1),
          severityNumber: f('int32', 2),
          severityText: f('string', 3),
          body: f('AnyValue', 5),
          attributes: f(KV, 6, true),
          droppedAttributesCount: f('uint32', 7),
          flags: f('fixed32', 8),
          traceId: f('bytes', 9),
          spanId: f('bytes', 10),
          observedTimeUnixNano: f('fixed64', 11),
          eventName: f('string', 12),
        }),
        ExportLogsServiceResponse: msg({ partialSuccess: f('ExportLogsPartialSuccess', 1) }),
        ExportLogsPartialSuccess: msg({ rejectedLogRecords: f('int64', 1), errorMessage: f('string', 2) }),
        // metrics
        ExportMetricsServiceRequest: msg({ resourceMetrics: f('ResourceMetrics', 1, true) }),
        ResourceMetrics: msg({ resource: f('Resource', 1), scopeMetrics: f('ScopeMetrics', 2, true), schemaUrl: f('string', 3) }),
        ScopeMetrics: msg({ scope: f('InstrumentationScope', 1), metrics: f('Metric', 2, true), schemaUrl: f('string', 3) }),
        Metric: msg(
          {
            name: f('string', 1),
            description: f('string', 2),
            unit: f('string', 3),
            gauge: f('Gauge', 5),
            sum: f('Sum', 7),
            histogram: f('Histogram', 9),
            exponentialHistogram: f('ExponentialHistogram', 10),
            summary: f('Summary', 11),
            metadata: f(KV, 12, true),
          },
          { data: { oneof: ['gauge', 'sum', 'histogram', 'exponentialHistogram', 'summary'] } },
        ),
        Gauge: msg({ dataPoints: f('NumberDataPoint', 1, true) }),
        Sum: msg({ dataPoints: f('NumberDataPoint', 1, true), aggregationTemporality: f('int32', 2), isMonotonic: f('bool', 3) }),
        Histogram: msg({ dataPoints: f('HistogramDataPoint', 1, true), aggregationTemporality: f('int32', 2) }),
        ExponentialHistogram: msg({ dataPoints: f('ExponentialHistogramDataPoint', 1, true), aggregationTemporality: f('int32', 2) }),
        Summary: msg({ dataPoints: f('SummaryDataPoint', 1, true) }),
        NumberDataPoint: msg(
          { attributes: f(KV, 7, true), startTimeUnixNano: f('fixed64', 2), timeUnixNano: f('fixed64', 3), asDouble: f('double', 4), asInt: f('sfixed64', 6), flags: f('uint32', 8) },
          { value: { oneof: ['asDouble', 'asInt'] } },
        ),
        HistogramDataPoint: msg({
          attributes: f(KV, 9, true),
          startTimeUnixNano: f('fixed64', 2),
          timeUnixNano: f('fixed64', 3),
          count: f('fixed64', 4),
          sum: f('double', 5),
          bucketCounts: f('fixed64', 6, true),
          explicitBounds: f('double', 7, true),
          flags: f('uint32', 10),
          min: f('double', 11),
          max: f('double', 12),
        }),
        ExponentialHistogramDataPoint: msg({
          attributes: f(KV, 1, true),
          startTimeUnixNano: f('fixed64', 2),
          timeUnixNano: f('fixed64', 3),
          count: f('fixed64', 4),
          sum: f('double', 5),
          scale: f('sint32', 6),
          zeroCount: f('fixed64', 7),
          flags: f('uint32', 10),
          min: f('double', 12),
          max: f('double', 13),
          zeroThreshold: f('double', 14),
        }),
        SummaryDataPoint: msg({
          attributes: f(KV, 7, true),
          startTimeUnixNano: f('fixed64', 2),
          timeUnixNano: f('fixed64', 3),
          count: f('fixed64', 4),
          sum: f('double', 5),
          quantileValues: f('ValueAtQuantile', 6, true),
          flags: f('uint32', 8),
        }),
        ValueAtQuantile: msg({ quantile: f('double', 1), value: f('double', 2) }),
        ExportMetricsServiceResponse: msg({ partialSuccess: f('ExportMetricsPartialSuccess', 1) }),
        ExportMetricsPartialSuccess: msg({ rejectedDataPoints: f('int64', 1), errorMessage: f('string', 2) }),
        // google.rpc.Status: the body of OTLP/HTTP error responses
        RpcStatus: msg({ code: f('int32', 1), message: f('string', 2) }),
      },
    },
  },
};

const root = protobuf.Root.fromJSON(descriptor);
export const otlpType = (name: string): protobuf.Type => root.lookupType(`otlp.${name}`);
