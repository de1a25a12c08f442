/**
 * The postmortem as a PDF (A4, standard Helvetica, so every word is extractable text): a title
 * block, the four response times, then every section (edited text first), the timeline chart at
 * the head of the timeline and the key metric charts after the impact; "Page i of n" on every
 * page. The same postmortem gives the same bytes: the document's dates are the draft's.
 */
import type { PDFDocument, PDFFont, PDFPage, RGB } from 'pdf-lib';
import { effectiveText, type Postmortem } from '../../shared/postmortem';
import { duration, utc } from './format';
import { drawSeriesChart, drawTimelineChart, SERIES_CHART_H, timelineChartHeight, type Ink } from './pdf-charts';
import { encodable, wrap } from './pdf-text';

const PAGE: [number, number] = [595.28, 841.89];
const LEFT = 50;
const WIDTH = PAGE[0] - 2 * LEFT;
const TOP = PAGE[1] - 54;
const BOTTOM = 58;

interface Style {
  size: number;
  font: PDFFont;
  color: RGB;
  indent?: number;
  /** Extra indent of the wrapped lines after the first (bullets). */
  hang?: number;
}

class Layout {
  page: PDFPage;
  y = TOP;

  constructor(
    private readonly doc: PDFDocument,
    readonly ink: Ink,
  ) {
    this.page = doc.addPage(PAGE);
  }

  newPage(): void {
    this.page = this.doc.addPage(PAGE);
    this.y = TOP;
  }

  ensure(h: number): void {
    if (this.y - h < BOTTOM) this.newPage();
  }

  gap(h: number): void {
    this.y -= h;
  }

  /** A paragraph wrapped to the text width; a page break may fall between its lines. */
  paragraph(text: string, st: Style): void {
    const indent = st.indent ?? 0;
    const hang = st.hang ?? 0;
    const lead = st.size * 1.38;
    const lines = wrap(this.ink.safe(text), st.font, st.size, WIDTH - indent - hang);
    lines.forEach((line, i) => {
      this.ensure(lead);
      this.y -= lead;
      this.page.drawText(line, { x: LEFT + indent + (i === 0 ? 0 : hang), y: this.y + (lead - st.size) / 2, size: st.size, font: st.font, color: st.color });
    });
  }
}

export interface PdfResult {
  bytes: Uint8Array;
  pages: number;
}

export async function postmortemPdf(p: Postmortem): Promise<PdfResult> {
  const lib = await import('pdf-lib');
  const d = p.draft;
  const doc = await lib.PDFDocument.create({ updateMetadata: false });
  const regular = await doc.embedFont(lib.StandardFonts.Helvetica);
  const bold = await doc.embedFont(lib.StandardFonts.HelveticaBold);
  const charset = new Set(regular.getCharacterSet());
  const ink: Ink = { rgb: lib.rgb, regular, bold, safe: (s) => encodable(s, charset) };
  const text = ink.rgb(0.1, 0.1, 0.1);
  const muted = ink.rgb(0.38, 0.38, 0.38);
  const rule = ink.rgb(0.8, 0.8, 0.8);

  const at = new Date(d.generatedAt);
  doc.setTitle(ink.safe(`Postmortem ${d.incidentId}: ${d.incident.title}`));
  doc.setSubject(ink.safe(d.incidentId));
  doc.setCreator('Sitrep');
  doc.setProducer('Sitrep');
  doc.setCreationDate(at);
  doc.setModificationDate(at);

  const L = new Layout(doc, ink);
  L.paragraph('POSTMORTEM', { size: 9, font: bold, color: muted });
  L.gap(2);
  L.paragraph(d.incident.title, { size: 18, font: bold, color: text });
  L.gap(4);
  const meta = [
    `${d.incidentId} - ${d.incident.severity.toUpperCase()} - ${d.incident.status}`,
    `Window ${utc(d.incident.windowFrom)} to ${utc(d.incident.windowTo)}`,
    `Drafted by Sitrep at ${utc(d.generatedAt)}${d.analysis !== null ? `, analysis ${d.analysis.id}${d.analysis.stored ? '' : ' (run for this draft)'}` : ', no analysis'}`,
    `Journal: ${d.journal.note}`,
  ];
  const edited = p.sections.filter((s) => s.edited !== null);
  if (edited.length > 0) meta.push(`Edited: ${edited.map((s) => `${s.title} (${s.editedBy ?? '?'})`).join(', ')}`);
  for (const m of meta) L.paragraph(m, { size: 9, font: regular, color: muted });

  // The four response times as tiles.
  L.gap(10);
  const tileH = 44;
  const tileW = (WIDTH - 3 * 8) / 4;
  L.ensure(tileH);
  d.response.forEach((m, i) => {
    const x = LEFT + i * (tileW + 8);
    L.page.drawRectangle({ x, y: L.y - tileH, width: tileW, height: tileH, borderColor: rule, borderWidth: 0.6, color: ink.rgb(0.97, 0.97, 0.97) });
    L.page.drawText(m.label, { x: x + 8, y: L.y - 14, size: 8, font: regular, color: muted });
    L.page.drawText(m.ms === null ? 'unknown' : ink.safe(duration(m.ms)), { x: x + 8, y: L.y - 34, size: 15, font: bold, color: m.ms === null ? muted : text });
  });
  L.gap(tileH);

  for (const s of p.sections) {
    L.gap(14);
    L.ensure(40);
    L.paragraph(s.title, { size: 13, font: bold, color: text });
    L.page.drawLine({ start: { x: LEFT, y: L.y - 3 }, end: { x: LEFT + WIDTH, y: L.y - 3 }, thickness: 0.6, color: rule });
    L.gap(7);
    if (s.edited !== null) L.paragraph(`Edited by ${s.editedBy ?? '?'}${s.editedAt !== null ? ` at ${utc(s.editedAt)}` : ''}`, { size: 7.5, font: regular, color: muted });
    if (s.key === 'timeline') {
      const h = timelineChartHeight();
      L.gap(4);
      L.ensure(h + 12);
      const outside = drawTimelineChart(L.page, ink, { x: LEFT, top: L.y, w: WIDTH, h }, d);
      L.gap(h + 2);
      if (outside > 0) L.paragraph(`${outside === 1 ? '1 line falls' : `${outside} lines fall`} outside the incident window: ${outside === 1 ? 'it is' : 'they are'} listed below, not drawn.`, { size: 7.5, font: regular, color: muted });
      L.gap(6);
    }
    for (const raw of effectiveText(s).replace(/\r\n?/g, '\n').split('\n')) {
      const line = raw.trimEnd();
      if (line.trim() === '') {
        L.gap(5);
        continue;
      }
      const bullet = /^\s*[-*] /.exec(line);
      if (bullet !== null) L.paragraph(`\u2022  ${line.slice(bullet[0].length)}`, { size: 9.5, font: regular, color: text, indent: 4, hang: 9 });
      else L.paragraph(line, { size: 9.5, font: regular, color: text });
    }
    if (s.key === 'impact' && d.charts.series.length > 0) {
      L.gap(8);
      for (const series of d.charts.series) {
        L.ensure(SERIES_CHART_H + 6);
        drawSeriesChart(L.page, ink, { x: LEFT, top: L.y, w: WIDTH, h: SERIES_CHART_H }, d, series);
        L.gap(SERIES_CHART_H + 6);
      }
      L.paragraph('Shaded: from the onset to the resolution. Times in UTC.', { size: 7.5, font: regular, color: muted });
    }
  }

  const pages = doc.getPages();
  pages.forEach((page, i) => {
    const footer = ink.safe(`Sitrep postmortem - ${d.incidentId}`);
    const num = `Page ${i + 1} of ${pages.length}`;
    page.drawLine({ start: { x: LEFT, y: 40 }, end: { x: LEFT + WIDTH, y: 40 }, thickness: 0.5, color: rule });
    page.drawText(footer, { x: LEFT, y: 28, size: 8, font: regular, color: muted });
    page.drawText(num, { x: LEFT + WIDTH - regular.widthOfTextAtSize(num, 8), y: 28, size: 8, font: regular, color: muted });
  });
  const bytes = await doc.save({ useObjectStreams: false });
  return { bytes, pages: pages.length };
}
