/**
 * Reads a request body within a byte limit, on Content-Length and while streaming, and decodes
 * gzip / deflate with the same limit on the decoded size (gzip bombs stop at the limit).
 */
import type { IncomingMessage } from 'node:http';
import { gunzip, inflate } from 'node:zlib';
import { ReceiverInputError } from './errors';

export class TooLargeError extends Error {
  constructor(limit: number) {
    super(`request body larger than ${limit} bytes`);
    this.name = 'TooLargeError';
  }
}

export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new TooLargeError(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (c: Buffer) => {
      if (done) return;
      size += c.byteLength;
      if (size > limit) {
        done = true;
        chunks.length = 0;
        reject(new TooLargeError(limit));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      resolve(chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks, size));
    });
    req.on('error', (err) => {
      if (done) return;
      done = true;
      reject(err);
    });
  });
}

export function decodeBody(raw: Buffer, encoding: string | undefined, limit: number): Promise<Buffer> {
  const enc = (encoding ?? 'identity').trim().toLowerCase();
  if (enc === '' || enc === 'identity') return Promise.resolve(raw);
  if (enc !== 'gzip' && enc !== 'deflate') return Promise.reject(new ReceiverInputError(`unsupported Content-Encoding "${enc.slice(0, 40)}" (gzip, deflate or none)`, 415));
  const fn = enc === 'gzip' ? gunzip : inflate;
  return new Promise((resolve, reject) => {
    fn(raw, { maxOutputLength: limit }, (err, out) => {
      if (!err) return resolve(out);
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) return reject(new TooLargeError(limit));
      reject(new ReceiverInputError(`body is not valid ${enc}: ${err.message}`));
    });
  });
}
