/**
 * Loki responses as documented by Grafana: "Loki HTTP API" reference
 * (https://grafana.com/docs/loki/latest/reference/loki-http-api/, `GET /loki/api/v1/query_range`
 * examples). The streams example is the doc's `{job="varlogs"}` answer; the matrix example is the
 * doc's `sum(rate({job="varlogs"}[10m])) by (level)` answer (values abridged; its `stats`, elided
 * in the doc, reduced to a `summary`). Loki 3's categorised-labels entry is the doc's
 * "structured metadata" shape. No live Loki exists on our build machines.
 */
export const LOKI_STREAMS_EXAMPLE = {
  status: 'success',
  data: {
    resultType: 'streams',
    result: [
      { stream: { filename: '/var/log/myproject.log', job: 'varlogs', level: 'info' }, values: [['1569266497240578000', 'foo'], ['1569266492548155000', 'bar']] },
      {
        stream: { filename: '/var/log/myproject.log', job: 'varlogs', level: 'info' },
        values: [['1569266497240578001', 'level=error msg="upstream timeout" traceID=4bf92f3577b34da6a3ce929d0e0e4736']],
      },
    ],
    stats: { summary: { bytesProcessedPerSecond: 3507022, execTime: 0.00232 } },
  },
} as const;

export const LOKI_MATRIX_EXAMPLE = {
  status: 'success',
  data: {
    resultType: 'matrix',
    result: [
      { metric: { level: 'info' }, values: [[1569266497.24, '0.16666666666666666'], [1569266492.548, '0.16666666666666666']] },
      { metric: { level: 'warn' }, values: [[1569266497.24, '0.16666666666666666'], [1569266492.548, '0.16666666666666666']] },
    ],
    stats: { summary: { bytesProcessedPerSecond: 3507022, execTime: 0.00232 } },
  },
} as const;

/** Loki 3 with `X-Loki-Response-Encoding-Flags: categorize-labels`: a third element per entry. */
export const LOKI_CATEGORIZED_EXAMPLE = {
  status: 'success',
  data: {
    resultType: 'streams',
    encodingFlags: ['categorize-labels'],
    result: [
      {
        stream: { service_name: 'support-agent', cluster: 'prod' },
        values: [['1773456420000000000', '{"level":"warn","msg":"tool call failed"}', { structuredMetadata: { trace_id: '0af7651916cd43dd8448eb211c80319c' }, parsed: { level: 'warn' } }]],
      },
    ],
  },
} as const;
