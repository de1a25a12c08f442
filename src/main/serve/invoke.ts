/** POST /api/invoke/<channel>: a JSON body in, the dispatcher's envelope out. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fail } from '../../shared/envelope';
import type { Dispatch } from '../../core/contract/dispatcher';
import type { SenderInfo } from '../../core/contract/handlers';
import { sendEnvelope } from './respond';

export const MAX_BODY_BYTES = 1024 * 1024;

type Body = { kind: 'ok'; text: string } | { kind: 'too_large' } | { kind: 'aborted' };

function readBody(req: IncomingMessage, limit: number): Promise<Body> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ kind: 'too_large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (b: Body) => {
      if (done) return;
      done = true;
      resolve(b);
    };
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        finish({ kind: 'too_large' });
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => finish({ kind: 'ok', text: Buffer.concat(chunks).toString('utf8') }));
    req.on('error', () => finish({ kind: 'aborted' }));
    req.on('close', () => finish({ kind: 'aborted' }));
  });
}

export async function handleInvoke(
  req: IncomingMessage,
  res: ServerResponse,
  channel: string,
  dispatch: Dispatch,
  sender: SenderInfo,
): Promise<void> {
  if (req.method !== 'POST') {
    sendEnvelope(res, 405, fail('bad_input', 'Use POST for /api/invoke/<channel>'), { Allow: 'POST' });
    return;
  }
  const body = await readBody(req, MAX_BODY_BYTES);
  if (body.kind === 'aborted') return;
  if (body.kind === 'too_large') {
    // Close the connection rather than read the rest of an oversized upload.
    sendEnvelope(res, 413, fail('bad_input', `Request body over ${MAX_BODY_BYTES} bytes`), { Connection: 'close' });
    req.resume();
    return;
  }
  let input: unknown = undefined;
  if (body.text.trim() !== '') {
    try {
      input = JSON.parse(body.text);
    } catch {
      sendEnvelope(res, 400, fail('bad_input', 'The request body is not valid JSON'));
      return;
    }
  }
  const env = await dispatch(channel, input, sender);
  sendEnvelope(res, !env.ok && env.error.code === 'unknown_channel' ? 404 : 200, env);
}
