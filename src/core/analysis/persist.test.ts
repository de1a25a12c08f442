import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { EventInput } from '../../shared/events';
import { ContractFailure } from '../../shared/envelope';
import { openStore } from '../store/store';
import { analyze, decideHypothesis, latestAnalysis, saveAnalysis } from './index';
import { load, MIN, ONSET, rng, span, steady, store, T0, WINDOW } from './test-kit';

/** Orders fail after a deploy of orders; an unrelated billing deploy is rejected. */
function incidentEvents(offset: number, seed: number): EventInput[] {
  const r = rng(seed);
  return [
    ...steady(60, (ts) => span(ts + offset, 'web', 'GET /home', false)),
    ...steady(120, (ts, _i, after) => span(ts + offset, 'orders', 'POST /orders', r() < (after ? 0.3 : 0.01))),
    { kind: 'change', ts: ONSET - 3 * MIN + offset, service: 'orders', changeType: 'deploy', target: 'shop/orders', author: 'a', summary: 'deploy orders' },
    { kind: 'change', ts: ONSET - 5 * MIN + offset, service: 'billing', changeType: 'deploy', target: 'shop/billing', author: 'b', summary: 'deploy billing' },
  ];
}

let dir = '';
afterEach(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
  dir = '';
});

describe('stored analyses and decisions', () => {
  test('save, read back the latest, reject (kept with why), accept and re-propose', () => {
    const s = load(store(), incidentEvents(0, 1));
    const r = analyze(s, { ...WINDOW, incidentId: 'INC-1', now: T0 + 3_600_000 });
    expect(latestAnalysis(s, 'INC-1', WINDOW.from, WINDOW.to)).toBeNull();
    saveAnalysis(s, r);
    expect(latestAnalysis(s, 'INC-1', WINDOW.from, WINDOW.to)).toEqual(r);
    expect(latestAnalysis(s, null, WINDOW.from, WINDOW.to)).toBeNull();

    const top = r.hypotheses[0];
    if (top === undefined) throw new Error('expected a hypothesis');
    const rejected = decideHypothesis(s, r.id, top.id, 'rejected', 'the deploy only touched docs', 'host:commander');
    expect(rejected.hypotheses.find((h) => h.id === top.id)).toBeUndefined();
    expect(rejected.rejected.find((h) => h.id === top.id)).toMatchObject({ status: 'rejected', reason: 'host:commander: the deploy only touched docs' });
    expect(latestAnalysis(s, 'INC-1', WINDOW.from, WINDOW.to)).toEqual(rejected);

    const accepted = decideHypothesis(s, r.id, top.id, 'accepted', null, 'host:commander');
    expect(accepted.hypotheses[0]).toMatchObject({ id: top.id, status: 'accepted', rank: 1 });
    const back = decideHypothesis(s, r.id, top.id, 'proposed', null, 'host:commander');
    expect(back.hypotheses.find((h) => h.id === top.id)?.status).toBe('proposed');
    const rows = s.sql.prepare('SELECT decision FROM hypothesis_decisions ORDER BY id').all();
    expect(rows).toEqual([{ decision: 'rejected' }, { decision: 'accepted' }, { decision: 'proposed' }]);
    s.close();
  });

  test('unknown analyses and hypotheses are not_found; a read-only store refuses writes', () => {
    dir = mkdtempSync(join(tmpdir(), 'sitrep-analysis-'));
    const file = join(dir, 's.db');
    const s = load(openStore(file), incidentEvents(0, 2));
    const r = analyze(s, { ...WINDOW, incidentId: 'INC-1', now: T0 });
    saveAnalysis(s, r);
    const code = (f: () => unknown): string | null => {
      try {
        f();
        return null;
      } catch (e) {
        return e instanceof ContractFailure ? e.code : 'other';
      }
    };
    expect(code(() => decideHypothesis(s, 'an-nope', 'h-1', 'accepted', null, 'x'))).toBe('not_found');
    expect(code(() => decideHypothesis(s, r.id, 'h-nope', 'accepted', null, 'x'))).toBe('not_found');
    s.close();
    const ro = openStore(file, { readOnly: true });
    expect(latestAnalysis(ro, 'INC-1', WINDOW.from, WINDOW.to)?.id).toBe(r.id);
    expect(code(() => saveAnalysis(ro, r))).toBe('forbidden');
    expect(code(() => decideHypothesis(ro, r.id, r.hypotheses[0]?.id ?? '', 'accepted', null, 'x'))).toBe('forbidden');
    ro.close();
  });

  test('a past incident with the same signature is found, with what resolved it', () => {
    const day = 86_400_000;
    const s = load(store(), [...incidentEvents(0, 3), ...incidentEvents(day, 4)]);
    s.upsertIncident({ id: 'INC-OLD', title: 'orders failing', severity: 'sev2', status: 'resolved', startedAt: ONSET, detectedAt: null, resolvedAt: null, windowFrom: WINDOW.from, windowTo: WINDOW.to, services: ['orders'], summary: 'rolled back orders' });
    const old = analyze(s, { ...WINDOW, incidentId: 'INC-OLD', now: T0 + 2 * 3_600_000 });
    saveAnalysis(s, old);
    const top = old.hypotheses[0];
    if (top === undefined) throw new Error('expected a hypothesis');
    decideHypothesis(s, old.id, top.id, 'accepted', 'confirmed', 'host:commander');
    const fresh = analyze(s, { from: WINDOW.from + day, to: WINDOW.to + day, incidentId: 'INC-NEW', now: T0 + day + 2 * 3_600_000 });
    expect(fresh.similar[0]).toMatchObject({ incidentId: 'INC-OLD', title: 'orders failing' });
    expect(fresh.similar[0]?.similarity).toBeGreaterThan(0.2);
    expect(fresh.similar[0]?.resolvedBy).toContain(top.title);
    expect(fresh.evidence.some((e) => e.kind === 'similar_incident')).toBe(true);
    // Its own incident is never "similar" to itself.
    const self = analyze(s, { ...WINDOW, incidentId: 'INC-OLD', now: T0 + 3 * 3_600_000 });
    expect(self.similar.find((x) => x.incidentId === 'INC-OLD')).toBeUndefined();
    s.close();
  });
});
