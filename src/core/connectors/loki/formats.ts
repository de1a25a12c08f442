/** Loki API JSON (query_range / query responses: streams, and matrix with Loki's stats) and the push format. See ./parse.ts. */
import type { ImportFormat } from '../../import/formats/types';
import { isLokiResponse, parseLoki } from './parse';

export const lokiFormats: ImportFormat[] = [
  {
    id: 'loki-api-json',
    label: 'Loki API JSON (streams, matrix)',
    detect: (input) => input.kind === 'json' && isLokiResponse(input.doc),
    parse: (input) => parseLoki(input.kind === 'json' ? input.doc : null),
  },
];
