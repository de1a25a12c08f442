/**
 * Monitors that would have caught an incident earlier: for each signal the top hypotheses rest on,
 * a Prometheus alerting rule over the series the store actually holds (their names and labels),
 * with a threshold and `for` derived from the incident's baseline and onset (./threshold.ts), and
 * the time it would have fired, from evaluating it on the stored samples (./evaluate.ts).
 * Signals computed from events (invalid output, refusals, injection hits) have no series to read
 * unless span metrics are stored; they are listed as not covered, with why.
 */
import type Database from 'better-sqlite3';
import type { MonitorProposal, ProposedRule } from '../../shared/contract-evals';
import type { Evidence, Hypothesis } from '../../shared/hypotheses';
import type { IncidentSummary } from '../../shared/incident';
import { meaningOf } from '../analysis/metric-semantics';
import { CANONICAL_NAMES } from '../connectors/prometheus/packs';
import type { EventStore } from '../store/api';
import { incidentAnalysis, topHypotheses } from '../evals/analysis';
import { firstFiringAny, type Direction } from './evaluate';
import { alertName, commonSelector, numberText, selectorText } from './promql';
import { behavesAsCounter, gaugeOnGrid, gridFor, matchSeries, rateOnGrid, sampleStep, seriesMeta, type Grid, type StoredSeries } from './series';
import { chooseFor, levelsOf, promDuration } from './threshold';
import { rulesYaml } from './yaml';

const MIN = 60_000;
/** The minutes before an onset that belong to its lead-up, not to the baseline. */
const LEADUP_MS = 5 * MIN;
const ONSET_SPAN_MS = 10 * MIN;
const MAX_RULES = 20;
const RESOURCE_KINDS = new Set(['cpu', 'memory']);
const SPAN_METRICS = /^(?:traces_span_metrics_calls_total|traces_spanmetrics_calls_total|calls_total|calls)$/;
const ERROR_SERIES = /^(?:error rate|LLM call error rate|tool error rate)$/;

export interface ProposeOptions {
  /** `createdAt` of an analysis run for the proposal, when none is stored. */
  now?: number;
}

type Reference = MonitorProposal['reference'];

interface Draft {
  rule: ProposedRule;
  summary: string;
}

const hhmm = (t: number): string => `${new Date(t).toISOString().slice(11, 16)} UTC`;
const fmt = (v: number): string => String(Number(v.toPrecision(4)));

/** The first alert that fired in the window, else the incident's detection time. */
function referenceOf(db: Database.Database, incident: IncidentSummary): Reference {
  const row = db
    .prepare("SELECT ts, json_extract(body, '$.name') AS name FROM events WHERE lane = 'alerts' AND ts >= ? AND ts < ? AND json_extract(body, '$.state') = 'firing' ORDER BY ts, id LIMIT 1")
    .get(incident.windowFrom, incident.windowTo) as { ts: number; name: string | null } | undefined;
  if (row !== undefined) return { kind: 'alert', name: row.name ?? 'alert', at: row.ts };
  if (incident.detectedAt !== null) return { kind: 'detected', name: null, at: incident.detectedAt };
  return { kind: 'none', name: null, at: null };
}

function leadOf(ref: Reference, firedAt: number): { minutes: number | null; text: string } {
  if (ref.at === null) return { minutes: null, text: `would have fired at ${hhmm(firedAt)}` };
  const minutes = Math.round((ref.at - firedAt) / 6_000) / 10;
  const what = ref.kind === 'alert' ? `the first alert (${ref.name ?? 'alert'} at ${hhmm(ref.at)})` : `detection (${hhmm(ref.at)})`;
  const when = minutes > 0 ? `${minutes} minutes before ${what}` : minutes < 0 ? `${-minutes} minutes after ${what}` : `at the same time as ${what}`;
  return { minutes, text: `would have fired at ${hhmm(firedAt)}, ${when}` };
}

interface Evaluated {
  grid: Grid;
  values: (number | null)[][];
}

function evaluate(series: readonly StoredSeries[], counter: boolean, from: number, to: number): Evaluated {
  const grid = gridFor(from, to, sampleStep(series));
  return { grid, values: series.map((s) => (counter ? rateOnGrid(s, grid) : gaugeOnGrid(s, grid))) };
}

/** The baseline ends where the lead-up to the onset begins (or at the onset, for a short baseline). */
function quietUntil(grid: Grid, onsetAt: number): number {
  const cut = onsetAt - LEADUP_MS;
  return grid.times.filter((t) => t < cut).length >= 8 ? cut : onsetAt;
}

interface ThresholdRuleInput {
  incident: IncidentSummary;
  ref: Reference;
  alert: string;
  expr: (threshold: number) => string;
  metric: string;
  selector: Record<string, string>;
  counter: boolean;
  dir: Direction;
  severity: 'critical' | 'warning';
  onsetAt: number;
  evidence: string[];
  ev: Evaluated;
  /** Indexes into ev.values of the series the evidence names (the onset level is theirs). */
  affected: number[];
  describe: string;
}

type Fit = { ok: true; baseline: number; onset: number; threshold: number; forMs: number; firedAt: number; quiet: number } | { ok: false; reason: string };

/** Threshold, `for` and first firing of a rule over sampled values (see ./threshold.ts). */
function fit(ev: Evaluated, affected: readonly number[], onsetAt: number, dir: Direction): Fit {
  const { grid, values } = ev;
  const quiet = quietUntil(grid, onsetAt);
  const baseline: number[] = [];
  for (const v of values) v.forEach((y, k) => y !== null && (grid.times[k] as number) < quiet && baseline.push(y));
  const onset = affected.map((i) => (values[i] ?? []).filter((y, k): y is number => y !== null && (grid.times[k] as number) >= onsetAt && (grid.times[k] as number) < onsetAt + ONSET_SPAN_MS));
  const lv = levelsOf(baseline, onset, dir);
  if (!lv.ok) return lv;
  const pick = chooseFor(values, grid.times, lv.threshold, dir, Math.max(MIN, 2 * grid.step), quiet);
  if (!pick.ok) return pick;
  return { ok: true, baseline: lv.baseline, onset: lv.onset, threshold: lv.threshold, forMs: pick.forMs, firedAt: pick.firedAt, quiet };
}

function thresholdRule(x: ThresholdRuleInput): Draft | { skip: string } {
  const f = fit(x.ev, x.affected, x.onsetAt, x.dir);
  if (!f.ok) return { skip: f.reason };
  const lv = f;
  const pick = f;
  const quiet = f.quiet;
  const { values } = x.ev;
  const lead = leadOf(x.ref, pick.firedAt);
  const edge = x.dir === 'above' ? '95th' : '5th';
  const why = `${lead.text}. Proposed from incident ${x.incident.id}: ${x.describe}; the baseline's ${edge} percentile was ${fmt(lv.baseline)} before ${hhmm(quiet)}, ${fmt(lv.onset)} after the onset at ${hhmm(x.onsetAt)}.`;
  const rule: ProposedRule = {
    alert: x.alert,
    expr: x.expr(lv.threshold),
    for: promDuration(pick.forMs),
    forMs: pick.forMs,
    severity: x.severity,
    metric: x.metric,
    selector: x.selector,
    counter: x.counter,
    direction: x.dir,
    threshold: lv.threshold,
    baseline: lv.baseline,
    onset: lv.onset,
    onsetAt: x.onsetAt,
    seriesMatched: values.length,
    evidence: x.evidence.slice(0, 50),
    wouldHaveFiredAt: pick.firedAt,
    leadMinutes: lead.minutes,
    why: why.slice(0, 2048),
  };
  return { rule, summary: `${x.describe} ${x.dir} ${numberText(lv.threshold)} for ${promDuration(pick.forMs)}` };
}

interface SeriesGroup {
  name: string;
  ids: Set<number>;
  labels: Record<string, string>[];
  evidence: Evidence[];
  category: Hypothesis['category'];
}

export function proposeMonitors(store: EventStore, incidentId: string, opts: ProposeOptions = {}): MonitorProposal {
  const db = store.sql;
  const { incident, result } = incidentAnalysis(store, incidentId, opts.now);
  const ref = referenceOf(db, incident);
  const byId = new Map(result.evidence.map((e) => [e.id, e]));
  const drafts: Draft[] = [];
  const skipped: MonitorProposal['skipped'] = [];
  const uncovered: MonitorProposal['uncovered'] = [];
  const groups = new Map<string, SeriesGroup>();
  const errorServices = new Map<string, Evidence[]>();
  const xid: Evidence[] = [];
  const seen = new Set<string>();

  for (const h of topHypotheses(result)) {
    for (const id of h.supporting) {
      const e = byId.get(id);
      if (e === undefined || seen.has(e.id)) continue;
      seen.add(e.id);
      if (e.kind === 'change' || e.kind === 'alert' || e.kind === 'similar_incident' || e.kind === 'blast_radius' || e.kind === 'diagnostic') continue;
      if (e.seriesIds.length > 0) {
        for (const m of seriesMeta(db, e.seriesIds)) {
          const g = groups.get(m.name) ?? groups.set(m.name, { name: m.name, ids: new Set(), labels: [], evidence: [], category: h.category }).get(m.name);
          if (g === undefined) continue;
          if (!g.ids.has(m.id)) {
            g.ids.add(m.id);
            g.labels.push(m.labels);
          }
          if (!g.evidence.includes(e)) g.evidence.push(e);
          if (h.category === 'infrastructure') g.category = 'infrastructure';
        }
      } else if (e.kind === 'gpu' && typeof e.facts.xid === 'number') {
        xid.push(e);
      } else if (typeof e.facts.series === 'string' && ERROR_SERIES.test(e.facts.series)) {
        for (const s of e.entities.filter((x) => x.startsWith('service:')).slice(0, 1)) (errorServices.get(s.slice(8)) ?? errorServices.set(s.slice(8), []).get(s.slice(8)))?.push(e);
      } else {
        uncovered.push({ signal: e.summary.slice(0, 1024), evidenceId: e.id, reason: uncoveredReason(e), rate: eventRate(db, incident, ref, e) });
      }
    }
  }

  for (const g of [...groups.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const meaning = meaningOf(CANONICAL_NAMES[g.name] ?? g.name);
    if (RESOURCE_KINDS.has(meaning.kind) && g.category !== 'infrastructure') {
      skipped.push({ metric: g.name, reason: `${meaning.label} is a cause here, not a symptom: alert on the symptoms instead` });
      continue;
    }
    const selector = commonSelector(g.labels);
    const matched = matchSeries(db, g.name, selector, incident.windowFrom, incident.windowTo);
    if (matched.length === 0) {
      skipped.push({ metric: g.name, reason: 'no stored samples in the incident window' });
      continue;
    }
    const counter = meaning.counter && behavesAsCounter(matched);
    const ev = evaluate(matched, counter, incident.windowFrom, incident.windowTo);
    const down = g.evidence.every((e) => e.facts.direction === 'down');
    const dir: Direction = down ? 'below' : 'above';
    const sel = selectorText(g.name, selector);
    const out = thresholdRule({
      incident,
      ref,
      alert: alertName(g.name, dir === 'above' ? 'High' : 'Low'),
      expr: (t) => `${counter ? `rate(${sel}[5m])` : sel} ${dir === 'above' ? '>' : '<'} ${numberText(t)}`,
      metric: g.name,
      selector,
      counter,
      dir,
      severity: meaning.symptom ? 'critical' : 'warning',
      onsetAt: Math.min(...g.evidence.map((e) => e.at)),
      evidence: g.evidence.map((e) => e.id),
      ev,
      affected: matched.map((s, i) => (g.ids.has(s.id) ? i : -1)).filter((i) => i >= 0),
      describe: `${meaning.label} ${counter ? `rate(${g.name}[5m])` : g.name}`,
    });
    if ('skip' in out) skipped.push({ metric: g.name, reason: out.skip });
    else drafts.push(out);
  }

  if (xid.length > 0) {
    const out = xidRule(db, incident, ref, xid);
    if ('skip' in out) {
      skipped.push({ metric: 'Xid', reason: out.skip });
      for (const e of xid) uncovered.push({ signal: e.summary.slice(0, 1024), evidenceId: e.id, reason: out.skip, rate: null });
    } else drafts.push(out);
  }

  for (const [service, evs] of [...errorServices.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const out = spanErrorRule(db, incident, ref, service, evs);
    if (out === null) for (const e of evs) uncovered.push({ signal: e.summary.slice(0, 1024), evidenceId: e.id, reason: uncoveredReason(e), rate: eventRate(db, incident, ref, e) });
    else if ('skip' in out) skipped.push({ metric: `span metrics of ${service}`, reason: out.skip });
    else drafts.push(out);
  }

  const used = new Map<string, number>();
  const kept = drafts
    .sort((a, b) => a.rule.wouldHaveFiredAt - b.rule.wouldHaveFiredAt || (a.rule.alert < b.rule.alert ? -1 : 1))
    .slice(0, MAX_RULES)
    .map((d) => {
      const n = (used.get(d.rule.alert) ?? 0) + 1;
      used.set(d.rule.alert, n);
      return n === 1 ? d : { ...d, rule: { ...d.rule, alert: `${d.rule.alert}${n}` } };
    });
  const base = {
    incidentId: incident.id,
    analysisId: result.id,
    reference: ref,
    rules: kept.map((d) => d.rule),
    uncovered: uncovered.slice(0, 100),
    skipped: skipped.slice(0, 100),
  };
  return { ...base, yaml: rulesYaml(base, new Map(kept.map((d) => [d.rule.alert, d.summary]))) };
}

/** Event rates the analysis measures per service (and endpoint, model or tool): lane and the status that counts as bad. */
const EVENT_RATES: Readonly<Record<string, { lane: string; bad: 'error' | 'warn'; name: string }>> = {
  'error rate': { lane: 'traces', bad: 'error', name: 'endpoint' },
  'LLM call error rate': { lane: 'llm', bad: 'error', name: 'model' },
  'invalid structured-output rate': { lane: 'llm', bad: 'warn', name: 'model' },
  'tool error rate': { lane: 'agent', bad: 'error', name: 'tool' },
};

/**
 * What a threshold rule on an event-derived rate would have done: the rate per minute from the
 * stored events (minutes with fewer than 5 events are gaps), fitted like a series rule.
 */
function eventRate(db: Database.Database, incident: IncidentSummary, ref: Reference, e: Evidence): MonitorProposal['uncovered'][number]['rate'] {
  const spec = typeof e.facts.series === 'string' ? EVENT_RATES[e.facts.series] : undefined;
  const service = e.entities.find((x) => x.startsWith('service:'))?.slice(8);
  if (spec === undefined || service === undefined) return null;
  const named = e.entities.find((x) => x.startsWith(`${spec.name}:`))?.slice(spec.name.length + 1);
  const name = named === undefined ? null : spec.name === 'endpoint' ? (named.startsWith(`${service} `) ? named.slice(service.length + 1) : named) : named;
  const rows = db
    .prepare(
      `SELECT CAST((ts - ?) / ${MIN} AS INTEGER) AS b, count(*) AS n, sum(status = ?) AS bad FROM events
        WHERE lane = ? AND service = ? AND (? IS NULL OR name = ?) AND ts >= ? AND ts < ? GROUP BY b ORDER BY b`,
    )
    .all(incident.windowFrom, spec.bad, spec.lane, service, name, name, incident.windowFrom, incident.windowTo) as { b: number; n: number; bad: number }[];
  const n = Math.ceil((incident.windowTo - incident.windowFrom) / MIN);
  const times = Array.from({ length: n }, (_, i) => incident.windowFrom + (i + 1) * MIN);
  const values: (number | null)[] = new Array<number | null>(n).fill(null);
  for (const r of rows) if (r.b >= 0 && r.b < n && r.n >= 5) values[r.b] = r.bad / r.n;
  const f = fit({ grid: { from: incident.windowFrom, step: MIN, times }, values: [values] }, [0], e.at, 'above');
  if (!f.ok) return null;
  const lead = leadOf(ref, f.firedAt);
  const what = `${e.facts.series} of ${service}${name !== null ? ` ${name}` : ''}`;
  return { what: what.slice(0, 512), threshold: f.threshold, baseline: f.baseline, onset: f.onset, for: promDuration(f.forMs), wouldHaveFiredAt: f.firedAt, leadMinutes: lead.minutes };
}

function uncoveredReason(e: Evidence): string {
  if (e.kind === 'log_signature') return 'a log signal: alert on it where the logs live (for example a Loki rule on this message)';
  return 'computed from stored events (traces, LLM calls, tool calls), and no stored metric series measures it: a Prometheus rule needs a metric counting it (span metrics by status, or a counter of such calls)';
}

/** Xid errors: any new Xid on the DCGM last-Xid gauge fires at once. */
function xidRule(db: Database.Database, incident: IncidentSummary, ref: Reference, evs: readonly Evidence[]): Draft | { skip: string } {
  const names = (db.prepare("SELECT DISTINCT name FROM metric_series WHERE name LIKE '%XID_ERRORS%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  const name = names[0];
  if (name === undefined) return { skip: 'the Xid errors were seen in logs only: no DCGM_FI_DEV_XID_ERRORS series is stored to alert on' };
  const all = matchSeries(db, name, {}, incident.windowFrom, incident.windowTo);
  const selector = commonSelector(all.map((s) => s.labels));
  const ev = evaluate(all, false, incident.windowFrom, incident.windowTo);
  const onsetAt = Math.min(...evs.map((e) => e.at));
  const quiet = quietUntil(ev.grid, onsetAt);
  if (firstFiringAny(ev.values, ev.grid.times, 0, 'above', 0, -Infinity, quiet) !== null) return { skip: `${name} was already non-zero before the onset: a rule on it would have been firing all along` };
  const firedAt = firstFiringAny(ev.values, ev.grid.times, 0, 'above', 0);
  if (firedAt === null) return { skip: `${name} stayed at zero in the stored samples` };
  const lead = leadOf(ref, firedAt);
  const codes = [...new Set(evs.map((e) => e.facts.xid))].join(', ');
  const rule: ProposedRule = {
    alert: alertName(name, ''),
    expr: `${selectorText(name, selector)} > 0`,
    for: '0s',
    forMs: 0,
    severity: 'critical',
    metric: name,
    selector,
    counter: false,
    direction: 'above',
    threshold: 0,
    baseline: 0,
    onset: Math.max(...ev.values.flat().filter((v): v is number => v !== null)),
    onsetAt,
    seriesMatched: all.length,
    evidence: evs.map((e) => e.id).slice(0, 50),
    wouldHaveFiredAt: firedAt,
    leadMinutes: lead.minutes,
    why: `${lead.text}. Proposed from incident ${incident.id}: Xid ${codes} reported by the driver; any Xid on a GPU needs a look, so it fires at once.`.slice(0, 2048),
  };
  return { rule, summary: `GPU reported an Xid error (${name} > 0)` };
}

/** A service's span error ratio from span metrics (calls by status code), when the store has them. */
function spanErrorRule(db: Database.Database, incident: IncidentSummary, ref: Reference, service: string, evs: readonly Evidence[]): Draft | { skip: string } | null {
  const names = (db.prepare('SELECT DISTINCT name FROM metric_series ORDER BY name').all() as { name: string }[]).map((r) => r.name).filter((n) => SPAN_METRICS.test(n));
  for (const name of names) {
    for (const key of ['service_name', 'service']) {
      const all = matchSeries(db, name, { [key]: service }, incident.windowFrom, incident.windowTo).filter((s) => s.labels.status_code !== undefined);
      const errors = all.filter((s) => /error/i.test(s.labels.status_code ?? ''));
      if (all.length === 0 || errors.length === 0) continue;
      const errorCode = errors[0]?.labels.status_code ?? 'STATUS_CODE_ERROR';
      const counter = behavesAsCounter(all);
      const per = evaluate(all, counter, incident.windowFrom, incident.windowTo);
      const isError = all.map((s) => /error/i.test(s.labels.status_code ?? ''));
      const ratio = per.grid.times.map((_, k) => {
        let err = 0;
        let tot = 0;
        let any = false;
        per.values.forEach((v, i) => {
          const y = v[k];
          if (y === null || y === undefined) return;
          any = true;
          tot += y;
          if (isError[i] === true) err += y;
        });
        return any && tot > 0 ? err / tot : null;
      });
      const base = selectorText(name, { [key]: service });
      const errSel = selectorText(name, { [key]: service, status_code: errorCode });
      const inner = (sel: string) => (counter ? `sum(rate(${sel}[5m]))` : `sum(${sel})`);
      return thresholdRule({
        incident,
        ref,
        alert: alertName(service, 'SpanErrorRatioHigh'),
        expr: (t) => `${inner(errSel)} / ${inner(base)} > ${numberText(t)}`,
        metric: name,
        selector: { [key]: service },
        counter,
        dir: 'above',
        severity: 'critical',
        onsetAt: Math.min(...evs.map((e) => e.at)),
        evidence: evs.map((e) => e.id),
        ev: { grid: per.grid, values: [ratio] },
        affected: [0],
        describe: `span error ratio of ${service}`,
      });
    }
  }
  return null;
}
