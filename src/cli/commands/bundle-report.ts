/** The terminal form of a bundle report: what was checked, who exported it, known or not. */
import type { BundleReport } from '../../shared/contract-bundle';
import { iso, num, pad } from '../format';

/** `1 analysis`, `3 analyses`. */
export const countOf = (n: number, one: string, many: string): string => `${num(n)} ${n === 1 ? one : many}`;

function who(r: BundleReport): string {
  const e = r.exporter;
  if (!e) return '-';
  const key = `key ${e.fingerprint}`;
  switch (e.trust) {
    case 'known':
      return `${e.name} (${key}): known to this profile as operator ${e.localName ?? e.name}${e.localDisabled ? ', who is DISABLED here' : ''}`;
    case 'name_conflict':
      return `"${e.name}" (${key}): NOT the local operator ${e.localName ?? e.name}, whose key differs`;
    case 'unknown':
      return `"${e.name}" (${key}): not known to this profile, the name is self-asserted; compare the key with the exporter`;
  }
}

export function formatReport(r: BundleReport, file: string): string {
  const lines: string[] = [];
  lines.push(r.intact ? (r.problem === null ? 'INTACT' : `INTACT, NOT OPENED: ${r.problem}`) : `REFUSED: ${r.problem ?? 'unknown problem'}`);
  lines.push(`  file       ${file} (${num(r.fileBytes)} bytes, sha256 ${r.sha256.slice(0, 16)}…)`);
  if (r.exporter) lines.push(`  exporter   ${who(r)}`);
  if (r.exportedAt !== null) lines.push(`  exported   ${iso(r.exportedAt)}, Sitrep ${r.sitrepVersion ?? '?'}`);
  if (r.incidentId !== null) {
    const how = r.encryption?.kind === 'recipient' ? `recipient key ${r.encryption.recipient ?? '?'}` : 'a passphrase';
    lines.push(`  incident   ${r.incidentId}${r.incident ? `: ${r.incident.title} (${r.incident.severity}, ${r.incident.status})` : ` (contents encrypted with ${how})`}`);
  }
  if (r.counts) {
    const c = r.counts;
    lines.push(`  holds      ${countOf(c.events, 'event', 'events')}, ${countOf(c.series, 'series', 'series')}${c.points !== null ? ` (${countOf(c.points, 'point', 'points')})` : ''}, ${countOf(c.analyses, 'analysis', 'analyses')}, ${countOf(c.journalEntries, 'journal entry', 'journal entries')}`);
  }
  if (r.journal?.checkpoint) lines.push(`  journal    checkpoint #${r.journal.checkpoint.seq} by journal key ${r.journal.checkpoint.keyFingerprint}: ${r.journal.checkpoint.valid ? 'signature valid' : 'signature INVALID'}`);
  for (const c of r.checks) lines.push(`  ${pad(c.ok ? 'ok' : 'FAIL', 11)}${c.name}: ${c.detail}`);
  for (const w of r.warnings) lines.push(`  warning    ${w}`);
  if (r.alreadyOpenAs !== null) lines.push(`  already open in this store as ${r.alreadyOpenAs}`);
  return lines.join('\n') + '\n';
}
