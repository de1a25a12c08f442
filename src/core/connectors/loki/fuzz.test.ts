import { describe, it } from 'vitest';
import { asJson, fuzzFormats } from '../kubernetes/fuzz-harness';
import { LOKI_CATEGORIZED_EXAMPLE, LOKI_MATRIX_EXAMPLE, LOKI_STREAMS_EXAMPLE } from './examples';
import { lokiFormats } from './formats';

describe('loki parser: bad input never crashes, never half-maps', () => {
  it('holds over the documented streams, matrix and categorised answers', () => {
    fuzzFormats(lokiFormats, [LOKI_STREAMS_EXAMPLE, LOKI_MATRIX_EXAMPLE, LOKI_CATEGORIZED_EXAMPLE], asJson, 100);
  });
});
