/** The postmortem as Markdown: a title, what it was drafted from, then every section (edited text first). */
import { effectiveText, type Postmortem } from '../../shared/postmortem';
import { utc } from './format';

/** Text from the data or the commander, made safe to sit in Markdown without starting a heading or HTML. */
function body(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/^(\s*)#/, '$1\\#').replace(/</g, '\\<'))
    .join('\n')
    .trim();
}

export function postmortemMarkdown(p: Postmortem): string {
  const d = p.draft;
  const i = d.incident;
  const out: string[] = [
    `# Postmortem: ${body(i.title)}`,
    '',
    `- Incident: ${d.incidentId} (${i.severity.toUpperCase()}, ${i.status})`,
    `- Window: ${utc(i.windowFrom)} to ${utc(i.windowTo)}`,
    `- Drafted by Sitrep at ${utc(d.generatedAt)}${d.analysis !== null ? ` from analysis ${d.analysis.id}${d.analysis.stored ? '' : ' (run for this draft, not stored)'}` : ' without an analysis'}`,
    `- Journal: ${body(d.journal.note)}`,
  ];
  const edited = p.sections.filter((s) => s.edited !== null);
  if (edited.length > 0) out.push(`- Edited: ${edited.map((s) => `${s.title} (${s.editedBy ?? 'unknown'}${s.editedAt !== null ? `, ${utc(s.editedAt)}` : ''})`).join('; ')}`);
  for (const s of p.sections) out.push('', `## ${s.title}`, '', body(effectiveText(s)) || '_(empty)_');
  return `${out.join('\n')}\n`;
}
