/**
 * Decodes a webhook body: size limit, strict UTF-8 (invalid bytes are an error, not U+FFFD),
 * nesting depth checked on the text before JSON.parse, then JSON.parse. Throws ImportError with
 * the byte offset or reason. Limits: ./limits.ts.
 */
import { checkJsonDepth } from '../../import/depth';
import { ImportError } from '../../import/formats/types';
import { MAX_BODY_BYTES, MAX_DEPTH } from './limits';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeJsonBody(body: Uint8Array): unknown {
  if (body.length === 0) throw new ImportError('empty body: expected a JSON document');
  if (body.length > MAX_BODY_BYTES) throw new ImportError(`body is ${body.length} bytes, more than the limit of ${MAX_BODY_BYTES}`);
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    throw new ImportError('body is not valid UTF-8');
  }
  const depth = checkJsonDepth(text, MAX_DEPTH);
  if (!depth.ok) throw new ImportError(`JSON nested deeper than ${MAX_DEPTH} levels`, { offset: depth.offset });
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new ImportError(`not valid JSON: ${(err as Error).message.slice(0, 200)}`);
  }
}
