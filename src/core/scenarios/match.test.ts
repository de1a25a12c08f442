import { describe, expect, it } from 'vitest';
import type { AnalysisResult, Evidence, Hypothesis } from '../../shared/hypotheses';
import { firstCorrectRank, isCorrect, trapOutcome } from './match';
import type { ScenarioLabel } from './types';

const label: ScenarioLabel = {
  id: 'upstream-outage-trap',
  title: 't',
  expected: { category: 'dependency', runbook: 'upstream-dependency-outage', entities: ['service:adyen', 'endpoint:checkout-live.adyen.com'] },
  trap: { mustNotRankFirst: ['service:payments-api', 'workload:payments-api'] },
};

const hyp = (rank: number, h: Partial<Hypothesis>): Hypothesis => ({
  id: `h${rank}`, rank, title: `h${rank}`, category: 'infrastructure', entities: [], confidence: 0.5, supporting: [], contradicting: [], runbook: null, source: 'test', status: 'proposed', ...h,
});
const ev = (id: string, kind: Evidence['kind'], entities: string[]): Evidence => ({
  id, kind, summary: id, entities, at: 0, eventIds: [], seriesIds: [], query: { language: 'sql', text: 'select 1', from: 0, to: 1 }, strength: 0.5, facts: {},
});
const result = (hypotheses: Hypothesis[], evidence: Evidence[] = []): AnalysisResult => ({
  id: 'a', incidentId: null, from: 0, to: 1, createdAt: 1, engineVersion: 't', verdict: 'supported', hypotheses, rejected: [], evidence,
  triage: { severity: 'sev2', category: 'dependency', rationale: '' }, blastRadius: { requestShare: null, usersAffected: null, usersTotal: null, endpoints: [], services: [] },
  similar: [], review: null,
});

describe('scoring a hypothesis against a label', () => {
  it('needs the expected runbook (or no runbook and the expected category), and a shared entity', () => {
    expect(isCorrect({ runbook: 'upstream-dependency-outage', category: 'infrastructure', entities: ['service:adyen'] }, label.expected)).toBe(true);
    expect(isCorrect({ runbook: null, category: 'dependency', entities: ['endpoint:checkout-live.adyen.com'] }, label.expected)).toBe(true);
    expect(isCorrect({ runbook: null, category: 'dependency', entities: ['service:payments-api'] }, label.expected)).toBe(false);
    expect(isCorrect({ runbook: 'oom-after-deploy', category: 'infrastructure', entities: ['service:adyen'] }, label.expected)).toBe(false);
    // The right category but another runbook points the commander at the wrong remedy.
    expect(isCorrect({ runbook: 'provider-outage-failover', category: 'dependency', entities: ['service:adyen'] }, label.expected)).toBe(false);
  });

  it('ranks by the hypotheses’ rank, not their order in the list', () => {
    const r = result([hyp(2, { category: 'dependency', entities: ['service:adyen'] }), hyp(1, { entities: ['service:payments-api'] })]);
    expect(firstCorrectRank(r, label)).toBe(2);
    expect(firstCorrectRank(result([hyp(1, {})]), label)).toBeNull();
  });

  it('springs the trap when the deployed service is blamed first', () => {
    const deploy = ev('ev-1', 'change', ['service:payments-api']);
    const errors = ev('ev-2', 'anomaly', ['service:payments-api']);
    expect(trapOutcome(result([hyp(1, { entities: ['service:payments-api'], supporting: ['ev-1', 'ev-2'] })], [deploy, errors]), label)).toBe('sprung');
    expect(trapOutcome(result([hyp(1, { entities: ['workload:payments-api'], supporting: ['ev-1'] })], [{ ...deploy, entities: ['workload:x'] }]), label)).toBe('sprung');
    // wrong, listing the deployed service as affected, without resting on the deploy: a top-1 miss only
    expect(trapOutcome(result([hyp(1, { entities: ['service:payments-api'], supporting: ['ev-2'] })], [deploy, errors]), label)).toBe('held');
    // correct, but resting on the deploy's change evidence
    expect(trapOutcome(result([hyp(1, { category: 'dependency', entities: ['service:adyen', 'service:payments-api'], supporting: ['ev-1'] })], [deploy]), label)).toBe('sprung');
    // the upstream first, the caller named without the deploy
    expect(trapOutcome(result([hyp(1, { category: 'dependency', entities: ['service:adyen', 'service:payments-api'] })], [deploy]), label)).toBe('held');
    expect(trapOutcome(result([hyp(1, { entities: ['service:adyen'] }), hyp(2, { entities: ['service:payments-api'] })]), label)).toBe('held');
    expect(trapOutcome(result([]), { ...label, trap: undefined })).toBe('none');
  });
});
