/**
 * Reads a file as lines without ever holding more than one line (bounded by `maxLineBytes`):
 * a longer line is reported and skipped, not buffered. Lines are split on \n (a trailing \r is
 * dropped) and decoded as strict UTF-8.
 */
import { createReadStream } from 'node:fs';

export type Line =
  | { lineNo: number; text: string }
  | { lineNo: number; error: 'too_long' | 'bad_utf8' };

const decoder = new TextDecoder('utf-8', { fatal: true });

function decode(lineNo: number, parts: Buffer[]): Line {
  let buf = parts.length === 1 && parts[0] ? parts[0] : Buffer.concat(parts);
  if (buf.length > 0 && buf[buf.length - 1] === 0x0d) buf = buf.subarray(0, buf.length - 1);
  try {
    return { lineNo, text: decoder.decode(buf) };
  } catch {
    return { lineNo, error: 'bad_utf8' };
  }
}

export async function* readLines(path: string, maxLineBytes: number): AsyncGenerator<Line> {
  const stream = createReadStream(path, { highWaterMark: 256 * 1024 });
  let parts: Buffer[] = [];
  let size = 0;
  let tooLong = false;
  let lineNo = 1;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      const end = nl === -1 ? chunk.length : nl;
      if (!tooLong) {
        size += end - start;
        if (size > maxLineBytes) {
          tooLong = true;
          parts = [];
        } else if (end > start) parts.push(chunk.subarray(start, end));
      }
      if (nl === -1) break;
      yield tooLong ? { lineNo, error: 'too_long' } : decode(lineNo, parts);
      lineNo++;
      parts = [];
      size = 0;
      tooLong = false;
      start = nl + 1;
    }
  }
  if (tooLong) yield { lineNo, error: 'too_long' };
  else if (size > 0) yield decode(lineNo, parts);
}
