import { describe, expect, it } from 'vitest';
import { matchRunbooks, type MatchHypothesis } from './match';
import { Runbook } from './schema';

const rb = (id: string, trigger: unknown): Runbook =>
  Runbook.parse({
    id,
    title: id,
    description: id,
    category: 'infrastructure',
    severity: 'sev3',
    trigger,
    steps: [{ id: 'q', name: 'q', action: 'diagnose', uses: 'promql', params: { query: 'up' }, timeout: '30s', expected: 'up' }],
  });

const kv = rb('kv-cache-saturation', { alerts: [{ name: 'VLLMQueueDepthHigh', labels: { namespace: 'inference' } }], hypotheses: [{ runbook: 'kv-cache-saturation', min_confidence: 0.5 }] });
const xid = rb('gpu-xid-unhealthy-node', { alerts: [{ name: 'GPUXidCritical' }], hypotheses: [{ runbook: 'gpu-xid-unhealthy-node', min_confidence: 0.6 }] });
const infra = rb('noisy-neighbour', { hypotheses: [{ category: 'infrastructure', min_confidence: 0.3 }] });
const all = [infra, kv, xid];

const hyp = (id: string, runbook: string | null, confidence: number, extra: Partial<MatchHypothesis> = {}): MatchHypothesis => ({ id, category: 'infrastructure', confidence, runbook, ...extra });

describe('matchRunbooks', () => {
  it('ranks a hypothesis naming the runbook above an alert match, above a category match, with reasons', () => {
    const m = matchRunbooks(all, { hypotheses: [hyp('h1', 'gpu-xid-unhealthy-node', 0.8, { title: 'Xid 79 on gpu-node-3' })], alerts: [{ name: 'VLLMQueueDepthHigh', labels: { namespace: 'inference', model_name: 'llama' } }] });
    expect(m.map((x) => [x.runbook.id, x.score])).toEqual([
      ['gpu-xid-unhealthy-node', 2.8],
      ['noisy-neighbour', 1.8],
      ['kv-cache-saturation', 1.5],
    ]);
    expect(m[0]?.reasons).toEqual(['hypothesis h1 "Xid 79 on gpu-node-3" suggests this runbook (confidence 80% ≥ 60%)']);
    expect(m[0]?.hypothesisId).toBe('h1');
    expect(m[2]?.reasons).toEqual(['alert VLLMQueueDepthHigh{namespace="inference"} is firing']);
    expect(m[2]?.alert?.name).toBe('VLLMQueueDepthHigh');
  });

  it('needs the minimum confidence, every trigger label, a live alert and a hypothesis not rejected', () => {
    expect(matchRunbooks([xid], { hypotheses: [hyp('h', 'gpu-xid-unhealthy-node', 0.59)] })).toEqual([]);
    expect(matchRunbooks([kv], { alerts: [{ name: 'VLLMQueueDepthHigh', labels: { namespace: 'batch' } }] })).toEqual([]);
    expect(matchRunbooks([kv], { alerts: [{ name: 'VLLMQueueDepthHigh', labels: { namespace: 'inference' }, state: 'resolved' }] })).toEqual([]);
    expect(matchRunbooks([kv], { hypotheses: [hyp('h', 'kv-cache-saturation', 0.9, { status: 'rejected' })] })).toEqual([]);
    expect(matchRunbooks([infra], { hypotheses: [hyp('h', null, 0.9, { category: 'model' })] })).toEqual([]);
  });

  it('a runbook matched by several signals outranks one matched by its best signal alone', () => {
    const h = hyp('h', 'kv-cache-saturation', 0.7);
    const alone = matchRunbooks([kv], { hypotheses: [h] })[0]?.score ?? 0;
    const both = matchRunbooks([kv], { hypotheses: [h], alerts: [{ name: 'VLLMQueueDepthHigh', labels: { namespace: 'inference' } }] })[0];
    expect(both?.score).toBeGreaterThan(alone);
    expect(both?.reasons).toHaveLength(2);
  });
});
