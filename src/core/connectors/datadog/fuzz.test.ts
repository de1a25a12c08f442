import { describe, it } from 'vitest';
import { asJson, fuzzFormats } from '../kubernetes/fuzz-harness';
import { DD_EVENTS_V1_EXAMPLE, DD_EVENTS_V2_EXAMPLE, DD_LOGS_EXAMPLE, DD_METRICS_EXAMPLE, DD_MONITORS_EXAMPLE } from './examples';
import { datadogFormats } from './formats';

describe('datadog parsers: bad input never crashes, never half-maps', () => {
  it('holds over the documented metrics, logs, monitors and events answers', () => {
    fuzzFormats(datadogFormats, [DD_METRICS_EXAMPLE, DD_LOGS_EXAMPLE, DD_MONITORS_EXAMPLE, DD_EVENTS_V1_EXAMPLE, DD_EVENTS_V2_EXAMPLE], asJson, 60);
  });
});
