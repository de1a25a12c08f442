import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLines, type Line } from './lines';

async function collect(content: Buffer | string, max = 16): Promise<Line[]> {
  const p = join(mkdtempSync(join(tmpdir(), 'sitrep-lines-')), 'f.jsonl');
  writeFileSync(p, content);
  const out: Line[] = [];
  for await (const l of readLines(p, max)) out.push(l);
  return out;
}

describe('readLines', () => {
  it('splits on LF, drops CR, keeps the last line without a newline', async () => {
    expect(await collect('a\r\nbb\n\nccc')).toEqual([
      { lineNo: 1, text: 'a' },
      { lineNo: 2, text: 'bb' },
      { lineNo: 3, text: '' },
      { lineNo: 4, text: 'ccc' },
    ]);
  });
  it('reports lines that are too long or not UTF-8 without stopping', async () => {
    const bad = Buffer.concat([Buffer.from('ok\n'), Buffer.from([0xff, 0xfe, 0x0a]), Buffer.from('x'.repeat(40) + '\nend\n')]);
    expect(await collect(bad)).toEqual([
      { lineNo: 1, text: 'ok' },
      { lineNo: 2, error: 'bad_utf8' },
      { lineNo: 3, error: 'too_long' },
      { lineNo: 4, text: 'end' },
    ]);
  });
  it('handles lines spanning read chunks', async () => {
    const long = 'y'.repeat(600_000);
    const lines = await collect(`${long}\n${long}`, 1_000_000);
    expect(lines.map((l) => ('text' in l ? l.text.length : -1))).toEqual([600_000, 600_000]);
  });
});
