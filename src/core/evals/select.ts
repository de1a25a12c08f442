/**
 * Which model calls of an incident become eval cases: the calls the top hypotheses cite as
 * evidence (directly, through the tool calls they led to, or through their trace), a bounded
 * sweep of the calls failing each monitor in the window, and a bounded, evenly spread sample of
 * normal calls from before the incident started as passing (negative) cases.
 */
import type Database from 'better-sqlite3';
import type { FailureMode } from '../../shared/contract-evals';
import type { AnalysisResult } from '../../shared/hypotheses';
import type { IncidentSummary } from '../../shared/incident';
import type { LlmCall } from '../../shared/events';
import { isPolicyViolation, isRefusal } from '../analysis/refusal';
import { FLAG_INJECTION_SUSPECT } from '../store/flags';
import { topHypotheses } from './analysis';
import { actionFinding, actionOutput, actionsAfter, baselineExpectation, callFindings, injectionIn, type Finding } from './classify';
import { callAfter, callBefore, isAction, isCall, rowsByIds, spread, TraceReader, type Row } from './rows';

export type CallRow = Row & { event: LlmCall };

export interface Selected {
  call: CallRow;
  finding: Finding;
  /** Evidence ids of the top hypotheses that cite this call (or its trace). */
  cited: string[];
  baseline: boolean;
  why: string;
}

export interface SelectOptions {
  /** Failing calls taken per failure mode by the monitor sweep (cited calls come on top). Default 50. */
  perMode?: number;
  /** Passing baseline calls; default half the failing ones, 5 to 25. */
  baseline?: number;
  /** Cases at most. Default 1,000. */
  maxCases?: number;
}

export interface Selection {
  selected: Selected[];
  truncated: boolean;
  traces: TraceReader;
}

/** Candidate rows a sweep reads at most before spreading its picks over them. */
const SWEEP_LIMIT = 200_000;
/** Cited events that are not model calls or actions (logs, spans) whose traces are followed. */
const CITED_TRACES = 300;

const REFUSAL_OR_POLICY_WORDS = [
  'sorry', 'apologi', 'unfortunately', 'cannot', "can''t", 'can’t', 'as an ai', 'unable', 'not able', 'decline', 'refus',
  'policy', 'filter', 'guardrail', 'moderation', 'safety', 'blocked', 'prohibited', 'blocklist', 'spii',
];
const TEXT_PREFILTER = `(${REFUSAL_OR_POLICY_WORDS.map((w) => `body LIKE '%${w}%'`).join(' OR ')})`;
const FLAGGED = `flags > 0 AND (flags & ${FLAG_INJECTION_SUSPECT})`;

/** A candidate of a sweep: its id and the few fields the detectors read. */
interface SweepRow {
  id: number;
  o: string | null;
  fr: string | null;
  et: string | null;
  op: string | null;
  attrs: string | null;
}

/** Where a monitor fired: from its earliest onset, for the services and tools it named (empty = any). */
interface Scope {
  from: number;
  services: Set<string>;
  tools: Set<string>;
}

/** The monitors that fired in the analysis, as the failure modes whose failing calls are swept. */
export function monitorScopes(analysis: AnalysisResult): Map<FailureMode, Scope> {
  const out = new Map<FailureMode, Scope>();
  const put = (mode: FailureMode, at: number, entities: readonly string[]): void => {
    const s = out.get(mode) ?? out.set(mode, { from: at, services: new Set(), tools: new Set() }).get(mode);
    if (s === undefined) return;
    s.from = Math.min(s.from, at);
    for (const e of entities) {
      if (e.startsWith('service:')) s.services.add(e.slice(8));
      if (e.startsWith('tool:')) s.tools.add(e.slice(5));
    }
  };
  for (const e of analysis.evidence) {
    if (e.kind !== 'monitor') continue;
    const label = String(e.facts.monitor ?? e.facts.series ?? '');
    if (/invalid structured-output/i.test(label)) put('invalid_output', e.at, e.entities);
    else if (/tool error rate/i.test(label)) {
      put('tool_arguments', e.at, e.entities);
      put('tool_denied', e.at, e.entities);
    } else if (/refusal/i.test(label)) put('refusal', e.at, e.entities);
    else if (/policy/i.test(label)) put('policy_violation', e.at, e.entities);
    else if (/injection/i.test(label)) put('prompt_injection', e.at, e.entities);
  }
  return out;
}

const traceOf = (r: Row): string | undefined => r.event.traceId;

export function selectCalls(db: Database.Database, incident: IncidentSummary, analysis: AnalysisResult, opts: SelectOptions = {}): Selection {
  const perMode = opts.perMode ?? 50;
  const maxCases = opts.maxCases ?? 1_000;
  const from = incident.windowFrom;
  const to = incident.windowTo;
  const traces = new TraceReader(db);
  const picks = new Map<string, Selected>();
  let truncated = false;

  const add = (call: CallRow | null, finding: Finding | null, why: string, cited: readonly string[] = []): void => {
    if (call === null || finding === null) return;
    const key = `${call.id}:${finding.mode}`;
    const have = picks.get(key);
    if (have !== undefined) {
      for (const c of cited) if (!have.cited.includes(c)) have.cited.push(c);
      if (have.cited.length > 0 && !have.why.startsWith('cited')) have.why = why;
      return;
    }
    picks.set(key, { call, finding, cited: [...cited], baseline: false, why });
  };
  /** Every finding on a call and on the tool calls it led to. */
  const addCall = (call: CallRow, why: string, cited: readonly string[] = [], only?: FailureMode): void => {
    const trace = traces.of(traceOf(call), call.ts);
    const findings = [...callFindings(call, trace), ...actionsAfter(trace, call).map((a) => actionFinding(a.event))].filter((f): f is Finding => f !== null);
    for (const f of findings) if (only === undefined || f.mode === only) add(call, f, why, cited);
  };
  const addAction = (row: Row, why: string, cited: readonly string[] = [], only?: FailureMode): void => {
    if (!isAction(row)) return;
    const trace = traces.of(traceOf(row), row.ts);
    const f = actionFinding(row.event);
    if (f !== null && (only === undefined || only === f.mode)) add(callBefore(trace, row.ts), f, why, cited);
    const output = actionOutput(row.event);
    if ((only === undefined || only === 'prompt_injection') && output !== null && injectionIn([output]) !== null) {
      const next = callAfter(trace, row.ts);
      if (next !== null) addCall(next, why, cited, 'prompt_injection');
    }
  };

  // 1. What the top hypotheses cite.
  const byId = new Map(analysis.evidence.map((e) => [e.id, e]));
  const citedBy = new Map<number, { ev: string[]; hyp: string }>();
  for (const h of topHypotheses(analysis)) {
    for (const evId of h.supporting) {
      for (const id of byId.get(evId)?.eventIds ?? []) {
        const c = citedBy.get(id) ?? citedBy.set(id, { ev: [], hyp: `${h.rank}. ${h.title}` }).get(id);
        if (c !== undefined && !c.ev.includes(evId)) c.ev.push(evId);
      }
    }
  }
  let followed = 0;
  for (const row of rowsByIds(db, [...citedBy.keys()])) {
    const c = citedBy.get(row.id);
    if (c === undefined) continue;
    const why = `cited by hypothesis ${c.hyp.slice(0, 300)} (${c.ev.join(', ')})`;
    if (isCall(row)) addCall(row, why, c.ev);
    else if (isAction(row)) addAction(row, why, c.ev);
    else if (traceOf(row) !== undefined && followed++ < CITED_TRACES) {
      for (const r of traces.of(traceOf(row), row.ts)) if (isCall(r)) addCall(r, `${why}, through its trace`, c.ev);
    }
  }

  // 2. The failing calls of each monitor that fired, from its onset on: a bounded, evenly spread sweep.
  const scopes = monitorScopes(analysis);
  const sweep = (mode: FailureMode, ids: number[], why: string): void => {
    if (ids.length > perMode) truncated = true;
    for (const row of rowsByIds(db, spread(ids, perMode))) {
      if (isCall(row)) addCall(row, why, [], mode);
      else addAction(row, why, [], mode);
    }
  };
  const scoped = (mode: FailureMode, lane: 'llm' | 'agent', where: string, ...names: FailureMode[]): SweepRow[] => {
    const sc = [mode, ...names].map((m) => scopes.get(m)).filter((x): x is Scope => x !== undefined);
    if (sc.length === 0) return [];
    const since = Math.max(from, Math.min(...sc.map((x) => x.from)));
    const services = sc.some((x) => x.services.size === 0) ? null : JSON.stringify([...new Set(sc.flatMap((x) => [...x.services]))]);
    const tools = sc.some((x) => x.tools.size === 0) ? null : JSON.stringify([...new Set(sc.flatMap((x) => [...x.tools]))]);
    return db
      .prepare(
        `SELECT id, ${lane === 'agent' ? "json_extract(body, '$.outcome')" : 'NULL'} AS o, ${lane === 'llm' ? "json_extract(body, '$.finishReason')" : 'NULL'} AS fr,
          ${lane === 'llm' ? "json_extract(body, '$.errorType')" : 'NULL'} AS et, ${lane === 'llm' ? "substr(json_extract(body, '$.outputPreview'), 1, 400)" : 'NULL'} AS op,
          ${lane === 'llm' ? "json_extract(body, '$.attrs')" : 'NULL'} AS attrs
          FROM events WHERE lane = ? AND ts >= ? AND ts < ? AND ${where}
          AND (? IS NULL OR service IN (SELECT value FROM json_each(?))) AND (? IS NULL OR name IN (SELECT value FROM json_each(?)))
          ORDER BY ts, id LIMIT ${SWEEP_LIMIT}`,
      )
      .all(lane, since, to, services, services, lane === 'agent' ? tools : null, lane === 'agent' ? tools : null) as SweepRow[];
  };
  sweep('invalid_output', scoped('invalid_output', 'llm', "status = 'warn'").map((r) => r.id), 'invalid structured output (monitor)');
  const toolRows = scoped('tool_arguments', 'agent', "status = 'error'");
  sweep('tool_arguments', toolRows.filter((r) => r.o === 'invalid_args').map((r) => r.id), 'tool rejected the arguments (monitor)');
  sweep('tool_denied', toolRows.filter((r) => r.o === 'denied').map((r) => r.id), 'tool call denied (monitor)');
  const texts = scoped('refusal', 'llm', TEXT_PREFILTER, 'policy_violation');
  sweep('refusal', texts.filter((r) => scopes.has('refusal') && isRefusal(r.fr, r.op)).map((r) => r.id), 'refusal (monitor)');
  sweep('policy_violation', texts.filter((r) => scopes.has('policy_violation') && isPolicyViolation(r.fr, r.et, r.attrs)).map((r) => r.id), 'policy violation (monitor)');
  const flagged = [...scoped('prompt_injection', 'llm', FLAGGED), ...scoped('prompt_injection', 'agent', FLAGGED)].map((r) => r.id).sort((a, b) => a - b);
  sweep('prompt_injection', flagged, 'prompt-injection detector hit (monitor)');

  let failing = [...picks.values()].sort((a, b) => Number(b.cited.length > 0) - Number(a.cited.length > 0) || a.call.ts - b.call.ts || a.call.id - b.call.id);
  if (failing.length > maxCases) {
    truncated = true;
    failing = failing.slice(0, maxCases);
  }
  const baseline = baselineCalls(db, incident, failing, traces, opts.baseline, maxCases - failing.length);
  return { selected: [...failing, ...baseline], truncated, traces };
}

/** Passing calls from before the incident started, for the modes (and services, tools) that failed. */
function baselineCalls(db: Database.Database, incident: IncidentSummary, failing: readonly Selected[], traces: TraceReader, wanted: number | undefined, room: number): Selected[] {
  const start = Math.min(incident.startedAt, incident.windowTo);
  const fails = failing.filter((s) => s.finding.label === 'fail' && baselineExpectation(s.finding.mode, null) !== null);
  if (fails.length === 0 || start <= incident.windowFrom || room <= 0) return [];
  const budget = Math.min(room, wanted ?? Math.min(25, Math.max(5, Math.ceil(fails.length / 2))));
  const used = new Set(failing.map((s) => s.call.id));
  const out: Selected[] = [];
  const byMode = new Map<FailureMode, Selected[]>();
  for (const s of fails) (byMode.get(s.finding.mode) ?? byMode.set(s.finding.mode, []).get(s.finding.mode))?.push(s);
  const modes = [...byMode.entries()].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
  const why = `a normal call before the incident started (${new Date(start).toISOString()})`;
  const take = (mode: FailureMode, n: number, candidates: CallRow[], tool: string | null): void => {
    const expected = baselineExpectation(mode, tool);
    if (expected === null) return;
    // A baseline call must itself be clean: no failing finding on it or on the tools it called.
    const clean = candidates.filter((call) => {
      if (used.has(call.id)) return false;
      const trace = traces.of(call.event.traceId, call.ts);
      return ![...callFindings(call, trace), ...actionsAfter(trace, call).map((a) => actionFinding(a.event))].some((f) => f !== null && f.label === 'fail');
    });
    for (const call of spread(clean, Math.min(n, budget - out.length))) {
      used.add(call.id);
      out.push({ call, finding: { mode, label: 'pass', expected, detail: 'normal call', ...(tool !== null ? { tool } : {}) }, cited: [], baseline: true, why });
    }
  };
  const services = (list: readonly Selected[]): string => JSON.stringify([...new Set(list.map((s) => s.call.event.service))].sort());
  for (const [mode, list] of modes) {
    const n = Math.max(1, Math.round((budget * list.length) / fails.length));
    if (mode === 'tool_arguments' || mode === 'tool_denied') {
      const tools = [...new Set(list.map((s) => s.finding.tool ?? ''))].filter((t) => t !== '').sort();
      for (const tool of tools) {
        const actions = db
          .prepare(`SELECT id FROM events WHERE lane = 'agent' AND status = 'ok' AND name = ? AND ts >= ? AND ts < ? AND service IN (SELECT value FROM json_each(?)) ORDER BY ts, id LIMIT ${SWEEP_LIMIT}`)
          .all(tool, incident.windowFrom, start, services(list)) as { id: number }[];
        const calls: CallRow[] = [];
        for (const a of rowsByIds(db, spread(actions.map((r) => r.id), n * 3))) {
          const c = callBefore(traces.of(a.event.traceId, a.ts), a.ts);
          if (c !== null) calls.push(c);
        }
        take(mode, Math.max(1, Math.ceil(n / tools.length)), calls, tool);
      }
      continue;
    }
    const validOnly = mode === 'invalid_output' ? "AND json_extract(body, '$.outputValid') = 1" : "AND json_extract(body, '$.outputPreview') IS NOT NULL";
    const rows = db
      .prepare(
        `SELECT id, json_extract(body, '$.outputPreview') IS NOT NULL AS p FROM events WHERE lane = 'llm' AND status = 'ok' AND ts >= ? AND ts < ?
          AND service IN (SELECT value FROM json_each(?)) ${validOnly} ORDER BY ts, id LIMIT ${SWEEP_LIMIT}`,
      )
      .all(incident.windowFrom, start, services(list)) as { id: number; p: number }[];
    // Calls that recorded their output first: a passing case is only useful with something to compare.
    const withText = rows.filter((r) => r.p === 1).map((r) => r.id);
    const rest = rows.filter((r) => r.p !== 1).map((r) => r.id);
    const pool = [...spread(withText, n * 3), ...spread(rest, Math.max(0, n * 3 - withText.length))];
    const calls = rowsByIds(db, pool).filter(isCall);
    calls.sort((a, b) => pool.indexOf(a.id) - pool.indexOf(b.id));
    take(mode, n, calls, null);
  }
  return out;
}
