/**
 * Datadog API responses as documented by Datadog (no live Datadog account exists here):
 * - METRICS: "Query timeseries points" (`GET /api/v1/query`) example response from the Datadog
 *   API reference (https://docs.datadoghq.com/api/latest/metrics/#query-timeseries-points), the
 *   classic `system.cpu.idle{*}by{host}` example.
 * - LOGS: "Search logs" (`POST /api/v2/logs/events/search`) response example shape from
 *   https://docs.datadoghq.com/api/latest/logs/#search-logs (values are the reference's
 *   placeholders made concrete).
 * - MONITORS: "Get all monitor details" (`GET /api/v1/monitor`) from
 *   https://docs.datadoghq.com/api/latest/monitors/#get-all-monitor-details.
 * - EVENTS_V1: "Get a list of events" (`GET /api/v1/events`), https://docs.datadoghq.com/api/latest/events/
 *   (ids kept as the API's `id_str`: the numeric `id` exceeds 2^53; one doc value rounded to a double).
 * - EVENTS_V2: "Get a list of events" (`GET /api/v2/events`), same page, v2 tab.
 */
export const DD_METRICS_EXAMPLE = {
  status: 'ok',
  res_type: 'time_series',
  series: [
    {
      metric: 'system.cpu.idle',
      attributes: {},
      display_name: 'system.cpu.idle',
      unit: null,
      pointlist: [
        [1430311800000, 98.1937561035156],
        [1430312400000, 99.85856628417969],
      ],
      end: 1430312999000,
      interval: 600,
      start: 1430311800000,
      length: 2,
      aggr: null,
      scope: 'host:vagrant-ubuntu-trusty-64',
      expression: 'system.cpu.idle{host:vagrant-ubuntu-trusty-64}',
    },
  ],
  from_date: 1430226140000,
  group_by: ['host'],
  to_date: 1430312540000,
  query: 'system.cpu.idle{*}by{host}',
  message: '',
};

export const DD_LOGS_EXAMPLE = {
  data: [
    {
      attributes: {
        attributes: { customAttribute: 123, duration: 2345, trace_id: '1234567890123456789' },
        host: 'i-0123',
        message: 'Host connected to remote',
        service: 'agent',
        status: 'INFO',
        tags: ['team:A', 'env:prod'],
        timestamp: '2019-01-02T09:42:36.320Z',
      },
      id: 'AAAAAWgN8Xwgr1vKDQAAAABBV2dOOFh3ZzZobm1mWXJFYTR0OA',
      type: 'log',
    },
    {
      attributes: { attributes: {}, host: 'i-0456', message: 'upstream connect error', service: 'support-agent', status: 'error', tags: [], timestamp: '2019-01-02T09:43:01.000Z' },
      id: 'AAAAAWgN8Xwgr1vKDQAAAABBV2dOOFh3ZzZobm1mWXJFYTR0OQ',
      type: 'log',
    },
  ],
  links: { next: 'https://app.datadoghq.com/api/v2/logs/event?filter[query]=foo&page[cursor]=eyJzdGFydEF0IjoiQVFBQUFYS2tMS3pPbm40NGV3QUFBQUJCV0V0clRFdDZVbG8zY3pCRmNsbHJiVmxDWlEifQ==' },
  meta: { elapsed: 132, page: { after: 'eyJzdGFydEF0IjoiQVFBQUFYS2tMS3pPbm40NGV3QUFBQUJCV0V0clRFdDZVbG8zY3pCRmNsbHJiVmxDWlEifQ==' }, request_id: 'MWlFUjVaWGZTTTZPYzM0VXp1OXU2d3xLSVpEMjZKQ0VKUTI0dEYtM3RSOFVR', status: 'done' },
};

export const DD_MONITORS_EXAMPLE = [
  {
    id: 2081,
    name: 'Bytes received on host0',
    type: 'metric alert',
    query: 'avg(last_5m):sum:system.net.bytes_rcvd{host:host0} > 100',
    message: 'We may need to add web hosts if this is consistently high.',
    tags: ['service:web', 'env:prod'],
    options: { notify_no_data: false, thresholds: { critical: 100 } },
    overall_state: 'Alert',
    overall_state_modified: '2024-03-14T02:55:00+00:00',
    priority: 2,
    created: '2015-12-18T18:33:58.611911+00:00',
    modified: '2015-12-18T18:33:58.611911+00:00',
  },
  {
    id: 2082,
    name: 'Disk usage',
    type: 'metric alert',
    query: 'avg(last_5m):avg:system.disk.in_use{*} > 0.9',
    message: 'disk',
    tags: [],
    overall_state: 'OK',
    modified: '2020-01-01T00:00:00+00:00',
  },
  { id: 2083, name: 'Muted one', type: 'metric alert', query: 'x', overall_state: 'Ignored' },
];

export const DD_EVENTS_V1_EXAMPLE = {
  events: [
    {
      alert_type: 'info',
      date_happened: 1346273496,
      device_name: null,
      host: null,
      id_str: '1377281704830403917',
      payload: '{}',
      priority: 'normal',
      source_type_name: 'jenkins',
      tags: ['application:web', 'version:1', 'service:web'],
      text: 'Build #42 deployed web to production',
      title: 'Deployed web v1',
      url: '/event/jump_to?event_id=1377281704830403917',
    },
    {
      alert_type: 'error',
      date_happened: 1346355252,
      host: 'i-0123',
      id_str: '1375910568833608465',
      priority: 'normal',
      source_type_name: 'my apps',
      tags: ['application:web'],
      text: 'Oh boy!',
      title: 'Did you hear the news today?',
    },
  ],
  status: 'ok',
};

export const DD_EVENTS_V2_EXAMPLE = {
  data: [
    {
      attributes: {
        attributes: { evt: { id: '6509751066204996294', name: 'Example Event' }, service: 'support-agent', status: 'info', timestamp: 1652274265000, title: 'Rollback of support-agent prompt to v41' },
        message: 'Rolled back after invalid JSON rate alert',
        tags: ['source:my_apps', 'env:prod', 'service:support-agent'],
        timestamp: '2022-05-11T13:04:25Z',
      },
      id: 'AAAAAYDV7TaQ8lkXIQAAAABBWURWN1RhUkFBQkRKNTNpcnlBZg',
      type: 'event',
    },
  ],
  links: { next: 'https://app.datadoghq.com/api/v2/events?page[cursor]=eyJzdGFydEF0IjoiQVFBQUFZRFY3VGFROGxrWElRQUFBQUJCV1VSV04xUmhVa0ZCUWtSS05UTnBjbmxCWmcifQ==' },
  meta: { elapsed: 335, page: { after: 'eyJzdGFydEF0IjoiQVFBQUFZRFY3VGFROGxrWElRQUFBQUJCV1VSV04xUmhVa0ZCUWtSS05UTnBjbmxCWmcifQ==' }, request_id: 'pddv1ChZtUGVtS2FmUlJFbUF3WGdsb3d2S1NnIi0KHQ', status: 'done' },
};
