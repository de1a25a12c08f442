/**
 * The generated text of each section, from the draft's structured parts. Plain text with "- "
 * bullets, so it reads the same in the editor, in Markdown and in the PDF.
 */
import { MAX_SECTION_CHARS, type PostmortemDraft, type SectionKey } from '../../shared/postmortem';
import { clock, count, duration, percent, usd, utc } from './format';
import { describeMeasure } from './response';

type Parts = Omit<PostmortemDraft, 'generated'>;

const ITEM_LABEL = { monitor: 'Monitor', eval: 'Eval cases', change_safety: 'Change safety', runbook: 'Runbook', follow_up: 'Follow-up' } as const;

function summary(d: Parts, incidentSummary: string): string {
  const i = d.incident;
  const times = [
    `Started ${utc(i.startedAt)}`,
    i.detectedAt !== null ? `detected ${clock(i.detectedAt, i.startedAt)}` : 'detection time not recorded',
    i.resolvedAt !== null ? `resolved ${clock(i.resolvedAt, i.startedAt)} (${duration(i.resolvedAt - i.startedAt)})` : `not resolved (${i.status})`,
  ].join(', ');
  const lead =
    d.rootCause === null
      ? 'Root cause: unknown (no hypothesis).'
      : d.rootCause.status === 'accepted'
        ? `Root cause (accepted): ${d.rootCause.title}.`
        : `Leading hypothesis (not yet accepted): ${d.rootCause.title}.`;
  return [incidentSummary.trim() || i.title, '', `Severity ${i.severity.toUpperCase()}. ${times}.`, `Services: ${i.services.join(', ') || 'none recorded'}.`, lead].join('\n');
}

function impact(d: Parts): string {
  const m = d.impact;
  const i = d.incident;
  const out: string[] = [];
  out.push(m.durationMs !== null ? `- Duration: ${duration(m.durationMs)} (onset ${clock(i.startedAt, i.startedAt)} to resolution ${clock(i.resolvedAt ?? i.startedAt, i.startedAt)} UTC).` : '- Duration: unknown (not resolved).');
  if (m.requestShare !== null) out.push(`- Requests affected: ${percent(m.requestShare)} of requests to ${m.services.join(', ') || 'the affected services'} failed after the onset.`);
  if (m.usersAffected !== null) out.push(`- Users affected: ${count(m.usersAffected)}${m.usersTotal !== null && m.usersTotal > 0 ? ` of ${count(m.usersTotal)} (${percent(m.usersAffected / m.usersTotal)})` : ''}.`);
  if (m.endpoints.length > 0) out.push(`- Endpoints: ${m.endpoints.join('; ')}.`);
  const l = m.llm;
  if (l !== null) {
    out.push(`- LLM calls during the incident: ${count(l.calls)}, of which ${count(l.failed)} failed or returned invalid output.`);
    const cost = l.costUsd > 0 ? `, ${usd(l.costUsd)}` : '';
    out.push(`- Tokens: ${count(l.tokens)}${cost}.`);
    if (l.expectedTokens !== null) {
      const extraTokens = l.tokens - l.expectedTokens;
      const extraCost = l.expectedCostUsd !== null && l.costUsd > 0 ? l.costUsd - l.expectedCostUsd : null;
      out.push(
        `- At the rate before the onset the same span would have used ${count(l.expectedTokens)} tokens${l.expectedCostUsd !== null && l.costUsd > 0 ? ` (${usd(l.expectedCostUsd)})` : ''}; ` +
          `difference ${extraTokens >= 0 ? '+' : '-'}${count(Math.abs(extraTokens))} tokens${extraCost !== null ? ` (${extraCost >= 0 ? '+' : '-'}${usd(Math.abs(extraCost))})` : ''}.`,
      );
    }
  }
  for (const u of m.unknowns) out.push(`- ${u}`);
  return out.join('\n');
}

function timeline(d: Parts): string {
  if (d.timeline.length === 0) return 'Nothing recorded.';
  const day = d.incident.startedAt;
  return d.timeline
    .map((l) => {
      const ref = l.journalSeq !== null ? ` [journal #${l.journalSeq}]` : l.eventId !== null ? ` [event ${l.eventId}]` : '';
      return `- ${clock(l.ts, day)} UTC — ${l.text}${ref}`;
    })
    .join('\n');
}

function rootCause(d: Parts): string {
  const r = d.rootCause;
  if (r === null) return d.analysis === null ? 'Unknown: no analysis of this incident.' : 'Unknown: the analysis found no hypothesis.';
  const status = r.status === 'accepted' ? `Accepted by the commander${r.reason ? ` (${r.reason})` : ''}.` : 'Proposed by the analysis, not yet accepted by the commander.';
  const lines = [
    `${r.title}`,
    '',
    `${status} Confidence ${percent(r.confidence)}; category ${r.category}${r.runbook !== null ? `; runbook ${r.runbook}` : ''}.`,
    `Entities: ${r.entities.join(', ') || 'none'}.`,
    '',
    'Evidence:',
  ];
  for (const e of r.evidence) lines.push(`- ${clock(e.at, d.incident.startedAt)} UTC (${e.kind}, ${e.id}): ${e.summary}`);
  if (r.evidence.length === 0) lines.push('- none recorded');
  return lines.join('\n');
}

function rejected(d: Parts): string {
  if (d.rejected.length === 0) return 'Nothing was rejected and no action failed.';
  return d.rejected
    .map((r) => `- ${r.what} — ${r.why} (${r.by}${r.ts !== null ? `, ${clock(r.ts, d.incident.startedAt)} UTC` : ''}${r.journalSeq !== null ? `, journal #${r.journalSeq}` : ''})`)
    .join('\n');
}

function contributing(d: Parts): string {
  if (d.contributing.length === 0) return d.analysis === null ? 'Unknown: no analysis of this incident.' : 'None identified beyond the root cause.';
  return d.contributing.map((c) => `- ${c.title} (confidence ${percent(c.confidence)}, ${c.status === 'accepted' ? 'accepted' : 'proposed, not confirmed'})`).join('\n');
}

function actionItems(d: Parts): string {
  if (d.actionItems.length === 0) return 'None drafted: add the team\'s own.';
  return d.actionItems.map((a) => `- ${ITEM_LABEL[a.kind]}: ${a.text}`).join('\n');
}

function response(d: Parts): string {
  return d.response.map((m) => `- ${m.label}: ${describeMeasure(m)}.`).join('\n');
}

const clip = (s: string): string => (s.length > MAX_SECTION_CHARS ? `${s.slice(0, MAX_SECTION_CHARS - 40)}\n… (cut: the section is too long)` : s);

export function generateSections(d: Parts, incidentSummary: string): Record<SectionKey, string> {
  return {
    summary: clip(summary(d, incidentSummary)),
    impact: clip(impact(d)),
    timeline: clip(timeline(d)),
    root_cause: clip(rootCause(d)),
    rejected: clip(rejected(d)),
    contributing: clip(contributing(d)),
    action_items: clip(actionItems(d)),
    response: clip(response(d)),
  };
}
