/** Contract samples (good input, bad input, valid output) for every analysis channel. */
import type { analysisChannels } from '../../shared/contract-analysis';
import type { AnalysisResult } from '../../shared/hypotheses';
import type { ChannelSample } from '../contract/samples';

const T = Date.UTC(2026, 2, 14, 2, 47);

export const sampleAnalysis: AnalysisResult = {
  id: 'an-1',
  incidentId: 'inc-1',
  from: T - 45 * 60_000,
  to: T + 40 * 60_000,
  createdAt: T + 41 * 60_000,
  engineVersion: 'sample',
  verdict: 'supported',
  hypotheses: [
    {
      id: 'h-1',
      rank: 1,
      title: 'Prompt release v42 broke structured output',
      category: 'model',
      entities: ['prompt:support-agent/system-prompt', 'service:support-agent'],
      confidence: 0.82,
      supporting: ['ev-1'],
      contradicting: [],
      runbook: 'bad-prompt-release',
      source: 'change-onset',
      status: 'proposed',
    },
  ],
  rejected: [],
  evidence: [
    {
      id: 'ev-1',
      kind: 'change',
      summary: 'prompt v41→v42 3 min before invalid-JSON onset',
      entities: ['prompt:support-agent/system-prompt'],
      at: T,
      eventIds: [7],
      seriesIds: [],
      query: { language: 'sql', text: "SELECT id FROM events WHERE kind = 'change'", from: T - 45 * 60_000, to: T + 40 * 60_000 },
      strength: 0.9,
      facts: { lag_ms: 180_000 },
    },
  ],
  triage: { severity: 'sev2', category: 'model', rationale: 'structured output failures on one service' },
  blastRadius: { requestShare: 0.18, usersAffected: null, usersTotal: null, endpoints: [], services: ['support-agent'] },
  similar: [],
  review: null,
};

export const analysisSamples: { [C in keyof typeof analysisChannels]: ChannelSample<C> } = {
  'analysis.run': { good: { incidentId: 'inc-1' }, bad: { incidentId: '' }, output: sampleAnalysis },
  'analysis.latest': { good: { incidentId: 'inc-1' }, bad: { id: 'inc-1' }, output: null },
  'analysis.decide': {
    good: { analysisId: 'an-1', hypothesisId: 'h-1', decision: 'accepted', reason: null },
    bad: { analysisId: 'an-1', hypothesisId: 'h-1', decision: 'rejected', reason: '' },
    output: sampleAnalysis,
  },
};
