/** The engine on the built-in demo incident: a bad prompt release, with a red-herring deploy and a warm GPU. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AnalysisResult } from '../../shared/hypotheses';
import type { Incident } from '../../shared/incident';
import { generateDemo } from '../demo';
import type { EventStore } from '../store/api';
import { openStore } from '../store/store';
import { analyze } from './analyze';
import { all } from './sql';

let store: EventStore;
let incident: Incident;
let result: AnalysisResult;

beforeAll(() => {
  store = openStore(':memory:');
  incident = generateDemo(store, { events: 30_000 }).incident;
  result = analyze(store, { from: incident.windowFrom, to: incident.windowTo, incidentId: incident.id, now: incident.windowTo + 60_000 });
});
afterAll(() => store.close());

describe('the demo incident', () => {
  test('the result is a valid AnalysisResult with a supported verdict', () => {
    expect(AnalysisResult.parse(result)).toEqual(result);
    expect(result.verdict).toBe('supported');
    expect(result.incidentId).toBe(incident.id);
  });

  test('the prompt release ranks first: model category, a prompt entity, the bad-prompt-release runbook', () => {
    const top = result.hypotheses[0];
    expect(top?.category).toBe('model');
    expect(top?.runbook).toBe('bad-prompt-release');
    expect(top?.entities.some((e) => e.startsWith('prompt:'))).toBe(true);
    expect(top?.entities).toContain('service:support-agent');
    const kinds = new Set(top?.supporting.map((id) => result.evidence.find((e) => e.id === id)?.kind));
    expect([...kinds]).toEqual(expect.arrayContaining(['change', 'trace_stat', 'monitor']));
  });

  test('the payments-api deploy is not blamed: rejected, with the reason', () => {
    const live = result.hypotheses.filter((h) => h.entities.includes('service:payments-api'));
    expect(live.every((h) => h.rank > 1)).toBe(true);
    const rejected = result.rejected.find((h) => h.entities.includes('service:payments-api'));
    expect(rejected?.status).toBe('rejected');
    expect(rejected?.reason).toMatch(/did not degrade|after the onset/);
  });

  test('the harmless GPU temperature rise does not rank first (kept as a rejected throttling hypothesis)', () => {
    expect(result.hypotheses[0]?.runbook).not.toBe('gpu-thermal-throttling');
    expect(result.hypotheses[0]?.entities.some((e) => e.startsWith('gpu:'))).toBe(false);
    expect(result.rejected.find((h) => h.runbook === 'gpu-thermal-throttling')?.entities).toContain('gpu:gpu-node-2/3');
  });

  test('KV-cache saturation is ranked below the prompt release, contradicted by the longer outputs', () => {
    const kv = result.hypotheses.find((h) => h.runbook === 'kv-cache-saturation');
    expect(kv).toBeDefined();
    expect(kv?.rank).toBeGreaterThan(1);
    expect(kv?.contradicting.length).toBeGreaterThan(0);
  });

  test('every evidence query names the window and the SQL ones run as they are', () => {
    for (const e of result.evidence) {
      expect(e.query.from).toBe(incident.windowFrom);
      expect(e.query.to).toBe(incident.windowTo);
    }
    const sqlOnes = result.evidence.filter((e) => e.query.language === 'sql');
    expect(sqlOnes.length).toBeGreaterThan(10);
    for (const e of sqlOnes.slice(0, 25)) for (const q of e.query.text.split('; ')) expect(() => all(store.sql, q)).not.toThrow();
    const anomaly = result.evidence.find((e) => e.kind === 'anomaly' && e.query.text.includes('GROUP BY bucket'));
    expect(anomaly?.query.text).toContain(String(incident.windowFrom));
    expect(all(store.sql, anomaly?.query.text ?? '').length).toBeGreaterThan(10);
  });

  test('triage and blast radius name the affected service', () => {
    expect(result.triage.category).toBe('model');
    expect(['sev1', 'sev2']).toContain(result.triage.severity);
    expect(result.blastRadius.services).toContain('support-agent');
    expect(result.blastRadius.requestShare).toBeGreaterThan(0);
  });

  test('deterministic: the same store and options give the same result', () => {
    const again = analyze(store, { from: incident.windowFrom, to: incident.windowTo, incidentId: incident.id, now: incident.windowTo + 60_000 });
    expect(again).toEqual(result);
  });
});
