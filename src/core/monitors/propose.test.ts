/**
 * Proposed alerting rules: on the demo incident, and on hand-made stores whose analysis names the
 * series, so thresholds, `for` and the would-have-fired time can be checked exactly, and against
 * Prometheus' own rule evaluation (`promtool test rules`).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { Document } from 'yaml';
import type { MonitorProposal, ProposedRule } from '../../shared/contract-evals';
import type { EventInput, MetricSeriesInput } from '../../shared/events';
import type { AnalysisResult, Evidence } from '../../shared/hypotheses';
import type { Incident } from '../../shared/incident';
import { analyze, saveAnalysis } from '../analysis';
import { load, MIN, ONSET, series, span, steady, store as memoryStore, T0, WINDOW } from '../analysis/test-kit';
import { generateDemo } from '../demo';
import type { EventStore } from '../store/api';
import { openStore } from '../store/store';
import { firstFiring } from './evaluate';
import { checkRules, findPromtool, testRules } from './promtool';
import { proposeMonitors } from './propose';
import { niceBetween, promDuration } from './threshold';

const promtool = findPromtool();
/** In CI promtool must be there (Debian's prometheus package); elsewhere its checks are skipped, saying so. */
if (promtool === null) {
  if (process.env.CI === 'true') throw new Error('promtool is required in CI (apt-get install prometheus) and was not found');
  console.warn('promtool not found: the `promtool check rules` / `promtool test rules` checks are skipped (apt-get install prometheus)');
}
const withPromtool = promtool === null ? test.skip : test;

const ALERT_AT = ONSET + 10 * MIN;

function incident(id: string): Incident {
  return { id, title: id, severity: 'sev2', status: 'resolved', startedAt: ONSET, detectedAt: ALERT_AT, resolvedAt: ONSET + 20 * MIN, windowFrom: WINDOW.from, windowTo: WINDOW.to, services: ['api'], summary: '' };
}

const alert = (ts: number): EventInput => ({ kind: 'alert', ts, service: 'api', name: 'ApiSlow', fingerprint: 'f1', severity: 'warning', state: 'firing', labels: { alertname: 'ApiSlow' } });

function evidence(id: string, o: Partial<Evidence>): Evidence {
  return { id, kind: 'gpu', summary: `signal ${id}`, entities: [], at: ONSET, eventIds: [], seriesIds: [], query: { language: 'sql', text: 'SELECT 1', from: WINDOW.from, to: WINDOW.to }, strength: 0.8, facts: {}, ...o };
}

/** A stored analysis whose top hypothesis rests on `ev` (what proposeMonitors reads). */
function storeAnalysis(s: EventStore, incidentId: string, ev: Evidence[], category: 'infrastructure' | 'model' = 'infrastructure'): void {
  const r: AnalysisResult = {
    id: `an-${incidentId}`,
    incidentId,
    from: WINDOW.from,
    to: WINDOW.to,
    createdAt: ONSET + 5 * MIN,
    engineVersion: 'test',
    verdict: 'supported',
    hypotheses: [{ id: 'h-1', rank: 1, title: 'the cause', category, entities: ['service:api'], confidence: 0.8, supporting: ev.map((e) => e.id), contradicting: [], runbook: null, source: 'test', status: 'proposed' }],
    rejected: [],
    evidence: ev,
    triage: { severity: 'sev2', category, rationale: 'test' },
    blastRadius: { requestShare: null, usersAffected: null, usersTotal: null, endpoints: [], services: ['api'] },
    similar: [],
    review: null,
  };
  saveAnalysis(s, r);
}

const seriesId = (s: EventStore, name: string, labels: Record<string, string>): number =>
  (s.sql.prepare('SELECT id FROM metric_series WHERE name = ? AND labels_key = ?').get(name, Object.entries(labels).sort().map(([k, v]) => `${k}=${v}`).join(',')) as { id: number } | undefined)?.id ??
  (s.sql.prepare('SELECT id, labels_json FROM metric_series WHERE name = ?').all(name) as { id: number; labels_json: string }[]).find((r) => JSON.stringify(JSON.parse(r.labels_json)) === JSON.stringify(labels))?.id ??
  -1;

/** A queue that sits at 1–3 (a repeating pattern) and jumps to 30 at the onset, on two pods. */
const queue = (pod: string): MetricSeriesInput => series('queue_depth', { service: 'api', namespace: 'prod', pod }, (ts, after) => (after ? 30 : 1 + (Math.floor(ts / 15_000) % 3)), 'inference');

function queueStore(): { s: EventStore; ids: number[] } {
  const s = load(memoryStore(), [alert(ALERT_AT)], [queue('api-1'), queue('api-2')]);
  s.upsertIncident(incident('INC-Q'));
  const ids = ['api-1', 'api-2'].map((pod) => seriesId(s, 'queue_depth', { service: 'api', namespace: 'prod', pod }));
  storeAnalysis(s, 'INC-Q', [evidence('ev-1', { seriesIds: ids, facts: { direction: 'up' } })]);
  return { s, ids };
}

describe('threshold helpers', () => {
  test('niceBetween takes the fewest digits strictly between the two levels', () => {
    expect(niceBetween(16.5, 3, 30)).toBe(20);
    expect(niceBetween(0.715, 0.449, 0.985)).toBe(0.7);
    expect(niceBetween(0.0123, 0.011, 0.013)).toBe(0.012);
    expect(niceBetween(5, 4.99, 5.01)).toBe(5);
  });

  test('firstFiring: the condition must hold at every evaluation for `for`; a gap resets it', () => {
    const times = [0, 15, 30, 45, 60, 75, 90].map((s) => s * 1_000);
    expect(firstFiring([1, 9, 9, 9, 9, 9, 9], times, 5, 'above', 30_000)).toBe(45_000);
    expect(firstFiring([1, 9, null, 9, 9, 9, 1], times, 5, 'above', 30_000)).toBe(75_000);
    expect(firstFiring([9, 9, 1, 9, 1, 9, 1], times, 5, 'above', 30_000)).toBeNull();
    expect(firstFiring([9, 1, 1, 1, 0, 1, 1], times, 0.5, 'below', 0)).toBe(60_000);
    expect(promDuration(0)).toBe('0s');
    expect(promDuration(120_000)).toBe('2m');
    expect(promDuration(90_000)).toBe('90s');
  });
});

describe('a gauge that steps up at the onset', () => {
  let s: EventStore;
  let p: MonitorProposal;
  let rule: ProposedRule;
  beforeAll(() => {
    s = queueStore().s;
    p = proposeMonitors(s, 'INC-Q');
    rule = p.rules[0] as ProposedRule;
  });
  afterAll(() => s.close());

  test('one rule over both pods: selector without the pod, threshold between baseline and onset, the shortest quiet `for`', () => {
    expect(p.rules).toHaveLength(1);
    expect(rule).toMatchObject({
      alert: 'QueueDepthHigh',
      expr: 'queue_depth{namespace="prod", service="api"} > 20',
      for: '1m',
      severity: 'warning',
      counter: false,
      direction: 'above',
      threshold: 20,
      baseline: 3,
      onset: 30,
      seriesMatched: 2,
    });
  });

  test('would have fired one `for` after the first sample above the threshold, 9 minutes before the first alert', () => {
    expect(p.reference).toEqual({ kind: 'alert', name: 'ApiSlow', at: ALERT_AT });
    expect(rule.wouldHaveFiredAt).toBe(ONSET + MIN);
    expect(rule.leadMinutes).toBe(9);
    expect(rule.why).toMatch(/^would have fired at 12:36 UTC, 9 minutes before the first alert \(ApiSlow at 12:45 UTC\)\. Proposed from incident INC-Q/);
  });

  test('the rule file parses as groups/rules, annotated with the incident and the firing time', () => {
    const doc = parse(p.yaml) as { groups: { name: string; rules: Record<string, unknown>[] }[] };
    expect(doc.groups).toHaveLength(1);
    expect(doc.groups[0]?.name).toBe('sitrep-INC-Q');
    expect(doc.groups[0]?.rules[0]).toEqual({
      alert: 'QueueDepthHigh',
      expr: rule.expr,
      for: '1m',
      labels: { severity: 'warning' },
      annotations: { summary: 'queue depth queue_depth above 20 for 1m', description: rule.why, incident: 'INC-Q', would_have_fired: new Date(ONSET + MIN).toISOString() },
    });
    expect(p.yaml).toMatch(/^# Alerting rules proposed by Sitrep from incident INC-Q/);
  });

  withPromtool('promtool check rules accepts the file', () => {
    const r = checkRules(p.yaml);
    expect(r?.output).toMatch(/SUCCESS: 1 rules found/);
    expect(r?.ok).toBe(true);
  });

  withPromtool('Prometheus itself fires the alert exactly when computed, and not one evaluation before', () => {
    // The stored samples as promtool input series (time 0 = the window's start, one sample every 15 s).
    const rows = s.sql.prepare('SELECT s.labels_json AS l, p.ts, p.value FROM metric_points p JOIN metric_series s ON s.id = p.series_id ORDER BY p.series_id, p.ts').all() as { l: string; ts: number; value: number }[];
    const bySeries = new Map<string, number[]>();
    for (const r of rows) (bySeries.get(r.l) ?? bySeries.set(r.l, []).get(r.l))?.push(r.value);
    const input = [...bySeries.entries()].map(([l, values]) => {
      const labels = JSON.parse(l) as Record<string, string>;
      return { series: `queue_depth{${Object.entries(labels).map(([k, v]) => `${k}="${v}"`).join(',')}}`, values: values.join(' ') };
    });
    const at = (t: number) => `${(t - WINDOW.from) / 1_000}s`;
    const annotations = (parse(p.yaml) as { groups: { rules: { annotations: Record<string, string> }[] }[] }).groups[0]?.rules[0]?.annotations;
    const test = new Document({
      rule_files: ['rules.yml'],
      evaluation_interval: '15s',
      tests: [
        {
          interval: '15s',
          input_series: input,
          alert_rule_test: [
            { eval_time: at(rule.wouldHaveFiredAt - 15_000), alertname: rule.alert, exp_alerts: [] },
            {
              eval_time: at(rule.wouldHaveFiredAt),
              alertname: rule.alert,
              exp_alerts: ['api-1', 'api-2'].map((pod) => ({ exp_labels: { severity: 'warning', service: 'api', namespace: 'prod', pod }, exp_annotations: annotations })),
            },
          ],
        },
      ],
    }).toString();
    const r = testRules(p.yaml, test);
    expect(r?.output).toMatch(/SUCCESS/);
    expect(r?.ok).toBe(true);
  });
});

describe('other series kinds', () => {
  test('a counter gets a rate() rule; a `_total` series that goes up and down is treated as the gauge it is', () => {
    let n = 0;
    const counter = series('http_errors_total', { service: 'api', pod: 'a' }, (_ts, after) => (n += after ? 20 : 1));
    const wobbly = series('tokens_total', { service: 'api', pod: 'a' }, (ts, after) => (after ? 900 : 300) + (Math.floor(ts / 15_000) % 2 === 0 ? 10 : -10));
    const s = load(memoryStore(), [alert(ALERT_AT)], [counter, wobbly]);
    s.upsertIncident(incident('INC-C'));
    storeAnalysis(s, 'INC-C', [
      evidence('ev-1', { kind: 'anomaly', seriesIds: [seriesId(s, 'http_errors_total', { service: 'api', pod: 'a' })], facts: { direction: 'up' } }),
      evidence('ev-2', { kind: 'anomaly', seriesIds: [seriesId(s, 'tokens_total', { service: 'api', pod: 'a' })], facts: { direction: 'up' } }),
    ]);
    try {
      const p = proposeMonitors(s, 'INC-C');
      const byMetric = new Map(p.rules.map((r) => [r.metric, r]));
      const c = byMetric.get('http_errors_total');
      expect(c).toMatchObject({ counter: true, expr: 'rate(http_errors_total{service="api"}[5m]) > 0.7', severity: 'critical' });
      expect(c?.baseline).toBeCloseTo(1 / 15, 6);
      expect(c?.wouldHaveFiredAt).toBeGreaterThan(ONSET);
      expect(c?.wouldHaveFiredAt).toBeLessThan(ONSET + 5 * MIN);
      const g = byMetric.get('tokens_total');
      expect(g).toMatchObject({ counter: false, expr: 'tokens_total{service="api"} > 600' });
      if (promtool !== null) expect(checkRules(p.yaml)?.ok).toBe(true);
    } finally {
      s.close();
    }
  });

  test('an Xid on the DCGM last-Xid gauge fires at once; logs-only Xids are not covered', () => {
    const xid = series('DCGM_FI_DEV_XID_ERRORS', { gpu: '0', Hostname: 'node-1', modelName: 'A100' }, (ts) => (ts >= ONSET + 2 * MIN ? 79 : 0), 'gpu');
    const s = load(memoryStore(), [alert(ALERT_AT)], [xid]);
    s.upsertIncident(incident('INC-X'));
    storeAnalysis(s, 'INC-X', [evidence('ev-1', { facts: { xid: 79 }, at: ONSET + 2 * MIN, entities: ['gpu:node-1/0', 'node:node-1'] })]);
    try {
      const p = proposeMonitors(s, 'INC-X');
      expect(p.rules).toHaveLength(1);
      expect(p.rules[0]).toMatchObject({ alert: 'DcgmFiDevXidErrors', expr: 'DCGM_FI_DEV_XID_ERRORS{modelName="A100"} > 0', for: '0s', severity: 'critical', wouldHaveFiredAt: ONSET + 2 * MIN, leadMinutes: 8 });
      if (promtool !== null) expect(checkRules(p.yaml)?.ok).toBe(true);
    } finally {
      s.close();
    }
    const logsOnly = load(memoryStore(), [alert(ALERT_AT)]);
    logsOnly.upsertIncident(incident('INC-XL'));
    storeAnalysis(logsOnly, 'INC-XL', [evidence('ev-1', { facts: { xid: 79 } })]);
    try {
      const p = proposeMonitors(logsOnly, 'INC-XL');
      expect(p.rules).toEqual([]);
      expect(p.uncovered[0]?.reason).toMatch(/seen in logs only/);
    } finally {
      logsOnly.close();
    }
  });

  test('a service error rate becomes a span-metrics error ratio when calls_total is stored; without it, the rate is reported with when it would have fired', () => {
    let ok = 0;
    let err = 0;
    const calls = [
      series('calls_total', { service_name: 'api', status_code: 'STATUS_CODE_OK' }, () => (ok += 30)),
      series('calls_total', { service_name: 'api', status_code: 'STATUS_CODE_ERROR' }, (_ts, after) => (err += after ? 12 : 0.3)),
    ];
    const spans = steady(120, (ts, i, after) => span(ts, 'api', 'GET /x', after ? i % 3 === 0 : i % 50 === 0));
    const ev = evidence('ev-1', { kind: 'anomaly', entities: ['endpoint:api GET /x', 'service:api'], facts: { series: 'error rate', direction: 'up' } });
    for (const withMetrics of [true, false]) {
      const s = load(memoryStore(), [alert(ALERT_AT), ...spans], withMetrics ? calls : []);
      s.upsertIncident(incident('INC-S'));
      storeAnalysis(s, 'INC-S', [ev]);
      try {
        const p = proposeMonitors(s, 'INC-S');
        if (withMetrics) {
          expect(p.rules).toHaveLength(1);
          expect(p.rules[0]?.alert).toBe('ApiSpanErrorRatioHigh');
          expect(p.rules[0]?.expr).toMatch(/^sum\(rate\(calls_total\{service_name="api", status_code="STATUS_CODE_ERROR"\}\[5m\]\)\) \/ sum\(rate\(calls_total\{service_name="api"\}\[5m\]\)\) > 0\.\d+$/);
          if (promtool !== null) expect(checkRules(p.yaml)?.ok).toBe(true);
        } else {
          expect(p.rules).toEqual([]);
          const u = p.uncovered[0];
          expect(u?.reason).toMatch(/no stored metric series measures it/);
          expect(u?.rate).toMatchObject({ what: 'error rate of api GET /x', for: '2m' });
          expect(u?.rate?.wouldHaveFiredAt).toBe(ONSET + 3 * MIN);
          expect(u?.rate?.leadMinutes).toBe(7);
          expect(p.yaml).toContain('#     error rate of api GET /x > 0.2 for 2m would have fired at 12:38 UTC, 7 min before the first alert');
        }
      } finally {
        s.close();
      }
    }
  });

  test('resource use of the application is a cause, not an alert, unless the hypothesis is about infrastructure', () => {
    const cpu = series('container_cpu_usage', { pod: 'api-1', container: 'api' }, (_ts, after) => (after ? 0.9 : 0.3));
    for (const category of ['model', 'infrastructure'] as const) {
      const s = load(memoryStore(), [alert(ALERT_AT)], [cpu]);
      s.upsertIncident(incident('INC-CPU'));
      storeAnalysis(s, 'INC-CPU', [evidence('ev-1', { kind: 'anomaly', seriesIds: [seriesId(s, 'container_cpu_usage', { pod: 'api-1', container: 'api' })], facts: { direction: 'up' } })], category);
      try {
        const p = proposeMonitors(s, 'INC-CPU');
        if (category === 'model') {
          expect(p.rules).toEqual([]);
          expect(p.skipped[0]?.reason).toMatch(/a cause here, not a symptom/);
        } else expect(p.rules[0]?.expr).toBe('container_cpu_usage{container="api"} > 0.6');
      } finally {
        s.close();
      }
    }
  });

  test('no stored analysis: one runs; no alert in the window: the detection time is the reference', () => {
    const s = load(memoryStore(), [], [queue('api-1')]);
    s.upsertIncident({ ...incident('INC-N'), detectedAt: null });
    try {
      const p = proposeMonitors(s, 'INC-N', { now: T0 });
      expect(p.reference).toEqual({ kind: 'none', name: null, at: null });
      expect(p.analysisId).toMatch(/^an-/);
      for (const r of p.rules) expect(r.leadMinutes).toBeNull();
    } finally {
      s.close();
    }
  });
});

describe('the demo incident', () => {
  let store: EventStore;
  let demo: Incident;
  let p: MonitorProposal;
  beforeAll(() => {
    store = openStore(':memory:');
    demo = generateDemo(store, { events: 20_000 }).incident;
    saveAnalysis(store, analyze(store, { from: demo.windowFrom, to: demo.windowTo, incidentId: demo.id, now: demo.windowTo }));
    p = proposeMonitors(store, demo.id);
  });
  afterAll(() => store.close());

  test('rules on the vLLM series actually stored (queue depth, KV cache), with their labels; app CPU and memory skipped', () => {
    const metrics = p.rules.map((r) => r.metric);
    expect(metrics).toEqual(expect.arrayContaining(['vllm:num_requests_waiting', 'vllm:gpu_cache_usage_perc']));
    for (const r of p.rules) {
      expect(r.selector).toMatchObject({ model_name: 'llama-3.1-70b-instruct', namespace: 'inference' });
      expect(r.selector.pod).toBeUndefined();
      expect(r.wouldHaveFiredAt).toBeGreaterThanOrEqual(demo.startedAt);
      expect(r.wouldHaveFiredAt).toBeLessThan(demo.resolvedAt ?? demo.windowTo);
      expect(r.why).toContain(demo.id);
    }
    expect(p.reference).toMatchObject({ kind: 'alert', name: 'SupportAgentInvalidJSONRate', at: demo.detectedAt });
    expect(p.skipped.map((s) => s.metric)).toEqual(expect.arrayContaining(['container_cpu_usage']));
  });

  test('the invalid-JSON rate has no series: not covered, with when a rule on it would have fired', () => {
    const u = p.uncovered.find((x) => x.rate?.what.startsWith('invalid structured-output rate of support-agent'));
    expect(u?.rate?.wouldHaveFiredAt).toBeGreaterThan(demo.startedAt);
    expect(u?.rate?.threshold).toBeGreaterThan(0.03);
    expect(u?.rate?.threshold).toBeLessThan(0.18);
  });

  withPromtool('promtool check rules accepts the demo rule file', () => {
    const r = checkRules(p.yaml);
    expect(r?.ok).toBe(true);
    expect(r?.output).toContain(`SUCCESS: ${p.rules.length} rules found`);
  });
});
