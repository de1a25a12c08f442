import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getAction } from '../actions/catalogue';
import { SAMPLES } from '../actions/catalogue/testing';
import { evaluatePolicy, loadPolicyFile, parsePolicyText, Policy, PolicyLoadError, readPolicy } from './index';

const DEFAULT = resolve(__dirname, '..', '..', '..', 'policy', 'default.yaml');

const facts = (id: string, params: unknown = SAMPLES[id]?.params, target: unknown = SAMPLES[id]?.target, requestCount = 1) => ({
  actionId: id,
  catalogueRisk: getAction(id)?.risk ?? 'high',
  params,
  target,
  requestCount,
});

describe('policy files', () => {
  it('the shipped default validates and starts in observation mode', () => {
    const r = loadPolicyFile(DEFAULT);
    expect(r.errors).toEqual([]);
    expect(r.policy?.mode).toBe('observe');
    expect(r.policy?.default_tier).toBe('tier-1');
  });

  it('names the file, line, column and field of every error', () => {
    const text = [
      'version: 1',
      'mode: enforce',
      'services:',
      '  - name: checkout',
      '    tier: tier-0',
      '    match: { namespaces: [payments] }',
      'blast_radius:',
      '  limits: { max_replicas: -1 }',
      '  two_person_above: {}',
      'rate_limit: { max_actions: 3, window: 10 minutes }',
      'circuit_breaker: { max_actions: 5, window: 10m, extra: 1 }',
      'actions:',
      '  k8s.delete: { risk: low }',
    ].join('\n');
    const r = parsePolicyText(text, 'policy/bad.yaml');
    expect(r.policy).toBeNull();
    expect(r.errors.map((e) => `${e.file}:${e.line}:${e.field}`)).toEqual([
      'policy/bad.yaml:5:services[0].tier',
      'policy/bad.yaml:8:blast_radius.limits.max_replicas',
      'policy/bad.yaml:10:rate_limit.window',
      'policy/bad.yaml:11:circuit_breaker.extra',
    ]);
    // Catalogue ids are checked once the shape is right.
    const ok = text.replace('tier-0', 'tier-1').replace('-1 }', '10 }').replace('10 minutes', '10m').replace(', extra: 1', '');
    const r2 = parsePolicyText(ok, 'p.yaml');
    expect(r2.errors.map((e) => [e.line, e.field, e.message])).toEqual([[13, 'actions.k8s.delete', expect.stringMatching(/not in the action catalogue/)]]);
    expect(parsePolicyText('a: *x', 'p.yaml').errors[0]?.message).toMatch(/YAML/);
    expect(() => readPolicy(resolve(__dirname, 'no-such.yaml'))).toThrow();
  });

  it('PolicyLoadError lists every problem as file:line:column: field: message', () => {
    const r = parsePolicyText('version: 2\nmode: enforce', 'x.yaml');
    const e = new PolicyLoadError(r.errors);
    expect(e.message.split('\n')[0]).toMatch(/^x\.yaml:1:1: version: /);
  });
});

describe('evaluating an action', () => {
  const policy = Policy.parse(readPolicy(DEFAULT));

  it('derives the service and tier from the action itself; unlisted subjects get the default tier', () => {
    expect(evaluatePolicy(policy, facts('k8s.rollout_restart'))).toMatchObject({ service: 'checkout', tier: 'tier-1', twoPerson: true });
    expect(evaluatePolicy(policy, facts('k8s.scale'))).toMatchObject({ service: 'inference', tier: 'tier-2', twoPerson: false, refusals: [] });
    const unknown = evaluatePolicy(policy, facts('k8s.cordon', { node: 'some-node' }));
    expect(unknown).toMatchObject({ service: null, tier: 'tier-1', twoPerson: true });
  });

  it('risk from the policy over the catalogue; high risk needs two people', () => {
    const r = evaluatePolicy(policy, facts('argocd.sync', { application: 'batch-jobs' }, { kind: 'argocd', name: 'x' }));
    expect(r.risk).toBe('high');
    expect(r.twoPersonReasons).toContain('argocd.sync is high risk');
  });

  it('blast radius: above a threshold two people, above a limit refused outright', () => {
    const scale = (current: number, add: number) => facts('k8s.scale', { namespace: 'inference', kind: 'deployment', name: 'vllm-llama', add_replicas: add, current_replicas: current, replicas: current + add });
    expect(evaluatePolicy(policy, scale(4, 2))).toMatchObject({ twoPerson: false, refusals: [] });
    expect(evaluatePolicy(policy, scale(18, 4)).twoPersonReasons).toEqual(['above the blast-radius threshold: 22 replicas (limit 20)']);
    expect(evaluatePolicy(policy, scale(30, 12)).refusals).toEqual(['blast radius: 42 replicas (limit 40)', 'blast radius: 12 replicas changed at once (limit 10)']);
    const pods = Array.from({ length: 16 }, (_, i) => ({ namespace: 'batch', name: `p${i}` }));
    expect(evaluatePolicy(policy, facts('k8s.drain', { node: 'n', pods }, undefined, 17)).refusals).toEqual(['blast radius for k8s.drain: 16 pods (limit 15)']);
    expect(evaluatePolicy(policy, facts('k8s.scale')).rateLimit).toEqual({ maxActions: 2, windowMs: 15 * 60_000 });
  });

  it('an action the policy disallows is refused', () => {
    const p = Policy.parse({ ...policy, actions: { 'slack.notify': { allowed: false } } });
    expect(evaluatePolicy(p, facts('slack.notify')).refusals).toEqual(['the policy does not allow slack.notify']);
  });
});
