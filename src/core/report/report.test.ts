/** The report across incidents: none, one, and several past demo incidents analysed and decided. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { IncidentReport } from '../../shared/contract-evals';
import type { Incident } from '../../shared/incident';
import { DEFAULT_ANCHOR } from '../demo';
import type { EventStore } from '../store/api';
import { openStore } from '../store/store';
import { autoGranularity, periodOf, periodsBetween } from './periods';
import { incidentReport } from './report';
import { writeHistory } from './testing';

const MIN = 60_000;
const DAY = 86_400_000;

describe('periods', () => {
  test('ISO weeks (Monday start, the Thursday decides the year) and months, UTC', () => {
    expect(periodOf(Date.UTC(2026, 2, 14, 2, 50), 'week')).toEqual({ key: '2026-W11', from: Date.UTC(2026, 2, 9) });
    expect(periodOf(Date.UTC(2021, 0, 3), 'week').key).toBe('2020-W53');
    expect(periodOf(Date.UTC(2024, 11, 30), 'week').key).toBe('2025-W01');
    expect(periodOf(Date.UTC(2026, 2, 31, 23, 59), 'month')).toEqual({ key: '2026-03', from: Date.UTC(2026, 2, 1) });
    expect(periodsBetween(Date.UTC(2026, 0, 20), Date.UTC(2026, 3, 2), 'month')?.map((p) => p.key)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    expect(autoGranularity([0, 100 * DAY])).toBe('week');
    expect(autoGranularity([0, 200 * DAY])).toBe('month');
  });
});

describe('no incidents', () => {
  test('an empty report, valid against the contract', () => {
    const s = openStore(':memory:');
    try {
      const r = incidentReport(s, { now: 1 });
      expect(IncidentReport.parse(r)).toEqual(r);
      expect(r).toMatchObject({ incidents: 0, analysed: 0, repeats: [], precision: { accepted: 0, rejected: 0, precision: null, byPeriod: [], byCategory: [] } });
      expect(r.timing).toEqual({ ttcMedianMs: null, mttrMedianMs: null, perIncident: [], byPeriod: [] });
    } finally {
      s.close();
    }
  });
});

describe('one incident', () => {
  test('not analysed: listed as such, MTTR known, no precision and no time to context', () => {
    const s = openStore(':memory:');
    try {
      const [inc] = writeHistory(s, [{ anchor: DEFAULT_ANCHOR, analysedAfterMin: null }]);
      const r = incidentReport(s);
      expect(r.incidents).toBe(1);
      expect(r.analysed).toBe(0);
      expect(r.notAnalysed).toEqual([{ id: inc?.id, title: inc?.title }]);
      expect(r.precision.precision).toBeNull();
      expect(r.precision.byPeriod).toEqual([{ period: '2026-W11', from: Date.UTC(2026, 2, 9), accepted: 0, rejected: 0, precision: null }]);
      expect(r.timing.perIncident).toEqual([{ id: inc?.id, title: inc?.title, startedAt: inc?.startedAt, status: 'resolved', ttcMs: null, mttrMs: 27 * MIN }]);
      expect(r.timing.mttrMedianMs).toBe(27 * MIN);
      expect(r.repeats).toEqual([]);
    } finally {
      s.close();
    }
  });

  test('analysed, nothing decided: time to context from the analysis, precision still unknown', () => {
    const s = openStore(':memory:');
    try {
      writeHistory(s, [{ anchor: DEFAULT_ANCHOR, analysedAfterMin: 4 }]);
      const r = incidentReport(s);
      expect(r.analysed).toBe(1);
      expect(r.timing.ttcMedianMs).toBe(4 * MIN);
      expect(r.precision).toMatchObject({ accepted: 0, rejected: 0, precision: null });
    } finally {
      s.close();
    }
  });
});

describe('several incidents with decisions', () => {
  let s: EventStore;
  let past: Incident[];
  let r: IncidentReport;
  beforeAll(() => {
    s = openStore(':memory:');
    past = writeHistory(s, [
      { anchor: DEFAULT_ANCHOR - 21 * DAY, seed: 2, analysedAfterMin: 14, decisions: ['accepted', 'rejected'], resolvedAfterMin: 52 },
      { anchor: DEFAULT_ANCHOR - 14 * DAY, seed: 3, analysedAfterMin: 9, decisions: ['accepted'], resolvedAfterMin: 38 },
      { anchor: DEFAULT_ANCHOR - 7 * DAY, seed: 4, analysedAfterMin: 6, decisions: ['rejected', 'accepted'], resolvedAfterMin: 31 },
      { anchor: DEFAULT_ANCHOR, seed: 5, analysedAfterMin: 3, resolvedAfterMin: null },
    ]);
    r = incidentReport(s, { now: DEFAULT_ANCHOR + DAY });
  });
  afterAll(() => s.close());

  test('valid against the contract; weeks, since the incidents span three weeks', () => {
    expect(IncidentReport.parse(r)).toEqual(r);
    expect(r.granularity).toBe('week');
    expect(r.incidents).toBe(4);
    expect(r.analysed).toBe(4);
  });

  test('precision: accepted / (accepted + rejected), overall, per week and per category', () => {
    expect(r.precision).toMatchObject({ accepted: 3, rejected: 2, precision: 0.6 });
    expect(r.precision.byPeriod.map((p) => [p.period, p.accepted, p.rejected, p.precision])).toEqual([
      ['2026-W08', 1, 1, 0.5],
      ['2026-W09', 1, 0, 1],
      ['2026-W10', 1, 1, 0.5],
      ['2026-W11', 0, 0, null],
    ]);
    const total = r.precision.byCategory.reduce((n, c) => n + c.accepted + c.rejected, 0);
    expect(total).toBe(5);
    expect(r.precision.byCategory.find((c) => c.category === 'model')?.accepted).toBeGreaterThanOrEqual(1);
  });

  test('a re-decided hypothesis counts once, by its last decision', () => {
    const row = s.sql.prepare("SELECT d.analysis_id AS a, d.hypothesis_id AS h FROM hypothesis_decisions d WHERE d.decision = 'rejected' ORDER BY d.id LIMIT 1").get() as { a: string; h: string };
    s.sql.prepare("INSERT INTO hypothesis_decisions (analysis_id, hypothesis_id, decision, reason, actor, decided_at) VALUES (?, ?, 'accepted', NULL, 'test', 0)").run(row.a, row.h);
    const again = incidentReport(s);
    expect(again.precision).toMatchObject({ accepted: 4, rejected: 1, precision: 0.8 });
    s.sql.prepare("INSERT INTO hypothesis_decisions (analysis_id, hypothesis_id, decision, reason, actor, decided_at) VALUES (?, ?, 'proposed', NULL, 'test', 0)").run(row.a, row.h);
    expect(incidentReport(s).precision).toMatchObject({ accepted: 3, rejected: 1 });
    s.sql.prepare("INSERT INTO hypothesis_decisions (analysis_id, hypothesis_id, decision, reason, actor, decided_at) VALUES (?, ?, 'rejected', 'no', 'test', 0)").run(row.a, row.h);
    expect(incidentReport(s).precision).toMatchObject({ accepted: 3, rejected: 2 });
  });

  test('the same prompt-release incident four times is one repeat group, oldest first', () => {
    expect(r.repeats).toHaveLength(1);
    const g = r.repeats[0];
    expect(g?.incidents.map((i) => i.id)).toEqual(past.map((i) => i.id));
    expect(g?.signature).toEqual(expect.arrayContaining(['alert:SupportAgentInvalidJSONRate', 'runbook:bad-prompt-release']));
    expect(g?.leadingHypothesis).toMatch(/^Prompt release support-agent\/system-prompt/);
  });

  test('time to context and MTTR per incident, medians overall and per week; an open incident has no MTTR', () => {
    expect(r.timing.perIncident.map((t) => [t.ttcMs, t.mttrMs])).toEqual([
      [14 * MIN, 52 * MIN],
      [9 * MIN, 38 * MIN],
      [6 * MIN, 31 * MIN],
      [3 * MIN, null],
    ]);
    expect(r.timing.ttcMedianMs).toBe(7.5 * MIN);
    expect(r.timing.mttrMedianMs).toBe(38 * MIN);
    expect(r.timing.byPeriod.map((p) => [p.period, p.incidents, p.ttcMedianMs, p.mttrMedianMs])).toEqual([
      ['2026-W08', 1, 14 * MIN, 52 * MIN],
      ['2026-W09', 1, 9 * MIN, 38 * MIN],
      ['2026-W10', 1, 6 * MIN, 31 * MIN],
      ['2026-W11', 1, 3 * MIN, null],
    ]);
  });

  test('by month when asked', () => {
    const m = incidentReport(s, { granularity: 'month' });
    expect(m.granularity).toBe('month');
    expect(m.timing.byPeriod.map((p) => [p.period, p.incidents])).toEqual([
      ['2026-02', 2],
      ['2026-03', 2],
    ]);
  });
});
