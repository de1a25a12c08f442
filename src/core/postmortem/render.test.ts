import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { POSTMORTEM_SECTIONS, SECTION_TITLES, type Postmortem } from '../../shared/postmortem';
import { generateDemo } from '../demo';
import type { EventStore } from '../store/api';
import { openStore } from '../store/store';
import { draftPostmortem } from './draft';
import { postmortemMarkdown } from './markdown';
import { postmortemPdf } from './pdf';
import { readPdf } from './pdf-read';
import { withEdits } from './storage';

let store: EventStore;
let plain: Postmortem;
const now = Date.UTC(2026, 2, 14, 6, 0);

beforeAll(() => {
  store = openStore(':memory:');
  const inc = generateDemo(store, { events: 20_000 }).incident;
  plain = withEdits(draftPostmortem(store, { unavailable: 'not given' }, inc.id, now), [], true);
});
afterAll(() => store.close());

const edited = (p: Postmortem, key: (typeof POSTMORTEM_SECTIONS)[number], text: string): Postmortem => ({
  ...p,
  sections: p.sections.map((s) => (s.key === key ? { ...s, edited: text, editedBy: 'ana', editedAt: now } : s)),
});

describe('Markdown', () => {
  test('a title, what it was drafted from, and every section as a level-2 heading in order', () => {
    const md = postmortemMarkdown(plain);
    expect(md.startsWith('# Postmortem: support-agent returning invalid JSON; get_order_status tool errors\n')).toBe(true);
    expect(md).toMatch(/^- Incident: INC-2026-0314-001 \(SEV2, resolved\)$/m);
    expect(md).toMatch(/^- Journal: Drafted without the journal: not given\.$/m);
    const headings = [...md.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(headings).toEqual(POSTMORTEM_SECTIONS.map((k) => SECTION_TITLES[k]));
    expect(md).toMatch(/## Response times\n\n- Time to detect: 5 min/);
  });

  test("the commander's text replaces the generated one, and cannot start a heading or inject HTML", () => {
    const md = postmortemMarkdown(edited(plain, 'summary', '# Not a heading\nWe rolled back <b>fast</b>.'));
    expect(md).toContain('## Summary\n\n\\# Not a heading\nWe rolled back \\<b>fast\\</b>.\n\n## Impact');
    expect(md).not.toContain(plain.sections[0]?.generated.slice(0, 40));
    expect(md).toMatch(/^- Edited: Summary \(ana, 2026-03-14 06:00:00 UTC\)$/m);
  });
});

describe('PDF', () => {
  test('pages as counted by a PDF reader, every heading and "Page i of n" extractable, the same bytes twice', async () => {
    const a = await postmortemPdf(plain);
    const b = await postmortemPdf(plain);
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
    const read = await readPdf(a.bytes);
    expect(read.pages).toBe(a.pages);
    expect(a.pages).toBeGreaterThanOrEqual(3);
    const all = read.text.join('\n');
    for (const k of POSTMORTEM_SECTIONS) expect(all).toContain(SECTION_TITLES[k]);
    read.text.forEach((t, i) => expect(t).toContain(`Page ${i + 1} of ${a.pages}`));
    expect(read.text[0]).toContain('support-agent returning invalid JSON');
    expect(read.text[0]).toContain('Time to detect');
    // The charts' axis labels are text too.
    expect(all).toContain('LLM calls failing or returning invalid output');
    expect(all).toMatch(/Alerts.*Changes.*Hypotheses/s);
  });

  test('edited text is printed; characters the standard fonts lack are mapped, never dropped silently or thrown on', async () => {
    const pdf = await postmortemPdf(edited(plain, 'root_cause', 'v41 → v42 raised p95 ≥ 30 s; café 漢字 🚀 done'));
    const all = (await readPdf(pdf.bytes)).text.join('\n');
    // é is WinAnsi; each CJK character and the emoji (one code point) become one "?".
    expect(all).toContain('v41 -> v42 raised p95 >= 30 s; café ?? ? done');
    expect(all).toContain('Edited by ana');
  });

  test('a long edited section flows over more pages, words longer than a line are broken', async () => {
    const long = Array.from({ length: 400 }, (_, i) => `- line ${i}: ${'word '.repeat(20)}`).join('\n') + `\n${'x'.repeat(600)}`;
    const base = await postmortemPdf(plain);
    const pdf = await postmortemPdf(edited(plain, 'contributing', long));
    expect(pdf.pages).toBeGreaterThan(base.pages + 5);
    const read = await readPdf(pdf.bytes);
    expect(read.pages).toBe(pdf.pages);
    expect(read.text.join('\n')).toContain('line 399:');
  });
});
