/**
 * Text for the PDF's standard fonts: they encode WinAnsi only, so every other character is mapped
 * to a near equivalent (arrows, comparison signs, accents stripped) or to "?"; then lines are
 * wrapped to a width with the font's own metrics.
 */

export interface Measure {
  widthOfTextAtSize(text: string, size: number): number;
  getCharacterSet(): number[];
}

const NEAR: Record<string, string> = {
  '→': '->',
  '←': '<-',
  '↔': '<->',
  '⇒': '=>',
  '≥': '>=',
  '≤': '<=',
  '≠': '!=',
  '≈': '~',
  '−': '-',
  '✓': 'v',
  '✗': 'x',
  '⟦': '[[',
  '⟧': ']]',
  '\u00a0': ' ',
  '\t': '    ',
};

/** Maps `s` onto the characters `font` can draw. */
export function encodable(s: string, charset: ReadonlySet<number>): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 63;
    if (charset.has(cp)) {
      out += ch;
      continue;
    }
    const near = NEAR[ch];
    if (near !== undefined) {
      out += near;
      continue;
    }
    const stripped = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
    out += [...stripped].every((c) => charset.has(c.codePointAt(0) ?? 63)) && stripped !== '' ? stripped : '?';
  }
  return out;
}

/** Breaks one paragraph into lines no wider than `width` (a word longer than a line is cut). */
export function wrap(text: string, font: Measure, size: number, width: number): string[] {
  const words = text.split(/ +/);
  const lines: string[] = [];
  let line = '';
  const fits = (s: string): boolean => font.widthOfTextAtSize(s, size) <= width;
  for (const word of words) {
    const next = line === '' ? word : `${line} ${word}`;
    if (fits(next)) {
      line = next;
      continue;
    }
    if (line !== '') lines.push(line);
    let rest = word;
    while (!fits(rest) && rest.length > 1) {
      // The longest prefix that fits (at least one character), by bisection.
      let lo = 1;
      let hi = rest.length - 1;
      while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        if (fits(rest.slice(0, mid))) lo = mid;
        else hi = mid - 1;
      }
      const n = lo;
      lines.push(rest.slice(0, n));
      rest = rest.slice(n);
    }
    line = rest;
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}
