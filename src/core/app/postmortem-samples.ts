/** Contract samples (good input, bad input, valid output) for every postmortem channel. */
import type { postmortemChannels } from '../../shared/contract-postmortem';
import { POSTMORTEM_SECTIONS, SECTION_TITLES, type Postmortem, type PostmortemDraft, type SectionKey } from '../../shared/postmortem';
import type { ChannelSample } from '../contract/samples';

const T = Date.UTC(2026, 2, 14, 2, 47);
const MIN = 60_000;

const generated = Object.fromEntries(POSTMORTEM_SECTIONS.map((k) => [k, `${SECTION_TITLES[k]} of the sample incident.`])) as Record<SectionKey, string>;

export const sampleDraft: PostmortemDraft = {
  version: 1,
  incidentId: 'inc-1',
  incident: {
    title: 'Checkout assistant answers time out',
    severity: 'sev2',
    status: 'resolved',
    startedAt: T + 3 * MIN,
    detectedAt: T + 8 * MIN,
    resolvedAt: T + 30 * MIN,
    windowFrom: T - 45 * MIN,
    windowTo: T + 40 * MIN,
    services: ['checkout-assistant'],
  },
  generatedAt: T + 60 * MIN,
  analysis: { id: 'an-1', createdAt: T + 10 * MIN, stored: true },
  journal: { included: true, entries: 1, note: '1 journal entry concerns this incident.' },
  timeline: [
    { ts: T, kind: 'change', text: 'Change (prompt) checkout/system-prompt v41 → v42 by maria', source: 'store', journalSeq: null, eventId: 7, actor: 'maria' },
    { ts: T + 3 * MIN, kind: 'milestone', text: 'Onset: the incident starts', source: 'incident', journalSeq: null, eventId: null, actor: null },
    { ts: T + 20 * MIN, kind: 'decision', text: 'Accepted hypothesis "Prompt release v42" (ana)', source: 'journal', journalSeq: 12, eventId: null, actor: 'ana' },
  ],
  response: [
    { key: 'detect', label: 'Time to detect', ms: 5 * MIN, from: { label: 'onset', ts: T + 3 * MIN }, to: { label: 'first alert', ts: T + 8 * MIN }, note: 'to the first alert' },
    { key: 'context', label: 'Time to context', ms: 7 * MIN, from: { label: 'onset', ts: T + 3 * MIN }, to: { label: 'first stored analysis', ts: T + 10 * MIN }, note: 'to the first hypothesis' },
    { key: 'mitigate', label: 'Time to mitigate', ms: null, from: { label: 'onset', ts: T + 3 * MIN }, to: null, note: 'unknown: no remediation recorded' },
    { key: 'resolve', label: 'Time to resolve', ms: 27 * MIN, from: { label: 'onset', ts: T + 3 * MIN }, to: { label: 'resolution', ts: T + 30 * MIN }, note: 'to the resolution' },
  ],
  impact: {
    durationMs: 27 * MIN,
    requestShare: 0.08,
    usersAffected: null,
    usersTotal: null,
    services: ['checkout-assistant'],
    endpoints: [],
    llm: { calls: 1000, failed: 120, tokens: 400_000, costUsd: 1.2, expectedTokens: 200_000, expectedCostUsd: 0.6 },
    unknowns: ['Users affected: unknown, the affected requests carry no user ids.'],
  },
  rootCause: {
    hypothesisId: 'h-1',
    title: 'Prompt release v42 broke structured output',
    confidence: 0.82,
    status: 'accepted',
    reason: 'ana: rollback fixed it',
    category: 'model',
    runbook: 'bad-prompt-release',
    entities: ['prompt:checkout/system-prompt'],
    evidence: [{ id: 'ev-1', kind: 'change', summary: 'prompt v41→v42 3 min before the onset', at: T, query: 'SELECT 1', from: T - MIN, to: T + MIN, eventId: 7 }],
  },
  rejected: [{ what: 'Hypothesis: payments deploy', why: 'nothing it touched degraded', by: 'the analysis', ts: null, journalSeq: null }],
  contributing: [],
  actionItems: [{ kind: 'eval', text: 'Add eval cases from the failing calls.', basis: 'root cause category model' }],
  charts: { from: T - 45 * MIN, to: T + 40 * MIN, series: [{ title: 'LLM calls failing', unit: 'share', points: [[T, 0.02], [T + 5 * MIN, 0.18]] }] },
  generated,
};

export const samplePostmortem: Postmortem = {
  draft: sampleDraft,
  stored: true,
  sections: POSTMORTEM_SECTIONS.map((key) => ({
    key,
    title: SECTION_TITLES[key],
    generated: generated[key],
    edited: key === 'summary' ? 'Our summary.' : null,
    editedBy: key === 'summary' ? 'ana' : null,
    editedAt: key === 'summary' ? T + 70 * MIN : null,
    generatedChanged: false,
  })),
};

export const postmortemSamples: { [C in keyof typeof postmortemChannels]: ChannelSample<C> } = {
  'postmortem.draft': { good: { incidentId: 'inc-1', regenerate: true }, bad: { incidentId: 'inc-1', discardEdits: true }, output: samplePostmortem },
  'postmortem.save': {
    good: { incidentId: 'inc-1', section: 'summary', text: 'Our summary.' },
    bad: { incidentId: 'inc-1', section: 'conclusion', text: 'x' },
    output: { postmortem: samplePostmortem, journal: { status: 'appended', seq: 13, note: 'journal #13' } },
  },
  'postmortem.export': {
    good: { incidentId: 'inc-1', format: 'pdf' },
    bad: { incidentId: 'inc-1', format: 'docx' },
    output: { format: 'md', fileName: 'postmortem-inc-1.md', mimeType: 'text/markdown', base64: Buffer.from('# Postmortem\n').toString('base64'), bytes: 13, pages: null },
  },
};
