/**
 * Reads a file within the size limit, in chunks (progress, cancellation between chunks), and
 * decodes it as strict UTF-8: invalid bytes are an ImportError with the byte offset.
 */
import { open } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { ImportError } from '../formats/types';
import { MAX_STRING_CHARS } from './limits';

const CHUNK = 4 * 1024 * 1024;

export interface ReadOptions {
  maxBytes: number;
  signal?: AbortSignal;
  onProgress?: (bytesDone: number, bytesTotal: number) => void;
}

export class ImportCancelled extends Error {
  constructor() {
    super('import cancelled; nothing was written');
    this.name = 'ImportCancelled';
  }
}

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ImportCancelled();
}

export async function readLimited(path: string, opts: ReadOptions): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const info = await fh.stat();
    if (!info.isFile()) throw new ImportError('not a regular file');
    if (info.size > opts.maxBytes) {
      throw new ImportError(`file is ${info.size} bytes; the import limit is ${opts.maxBytes} bytes`);
    }
    const buf = Buffer.allocUnsafe(info.size);
    let done = 0;
    opts.onProgress?.(0, info.size);
    while (done < info.size) {
      throwIfCancelled(opts.signal);
      const { bytesRead } = await fh.read(buf, done, Math.min(CHUNK, info.size - done), done);
      if (bytesRead === 0) break;
      done += bytesRead;
      opts.onProgress?.(done, info.size);
    }
    // A file that grew while being read is cut at its size when opened; one that shrank is short.
    return done === info.size ? buf : buf.subarray(0, done);
  } finally {
    await fh.close();
  }
}

/** Byte offset of the first invalid UTF-8 sequence (the buffer is known to be invalid). */
export function firstInvalidUtf8(buf: Uint8Array): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i] ?? 0;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = buf[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return buf.length;
}

/** Strict UTF-8 → string, without a leading BOM. */
export function decodeUtf8(buf: Buffer): string {
  if (!isUtf8(buf)) {
    const at = firstInvalidUtf8(buf);
    throw new ImportError(`file is not valid UTF-8 (invalid byte 0x${(buf[at] ?? 0).toString(16).padStart(2, '0')} at byte offset ${at})`, {
      offset: at,
    });
  }
  if (buf.length > MAX_STRING_CHARS) throw new ImportError(`file is ${buf.length} bytes: too large to hold as text`);
  const text = buf.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
