/**
 * Diagnostic steps run on their own: every `verify_hypothesis` and `diagnose` step of a runbook
 * (read-only queries; never an action of the catalogue) is filled from the incident's variables,
 * re-validated, run within its timeout, and returned as an evidence record (query, window,
 * SHA-256 digest of the result, the measured value and whether the expectation held), journaled
 * as `evidence`. A `verify_hypothesis` step with `on_failure: abort` that fails stops the rest.
 */
import { createHash } from 'node:crypto';
import type { Connection } from '../../shared/connections';
import { getAction, type JsonValue } from '../actions/catalogue';
import { parseTemplate, renderTemplate, soleVariable, type Scalar } from '../actions/catalogue/template';
import { canonicalJson } from '../auth/canonical-json';
import { queryInstant, queryRange } from '../connectors/prometheus/client';
import type { Journal } from '../journal/journal';
import { durationMs, QUERY_KINDS, type Threshold } from '../runbooks';
import type { Runbook, Step } from '../runbooks';

export interface QueryWindow {
  from: number;
  to: number;
}

export interface QueryOutput {
  /** The result as JSON (digested; kept whole only in memory). */
  data: JsonValue;
  /** One number per series or row, for the step's threshold. */
  samples: number[];
}

/** Runs one read-only query kind. Must honour `signal`. */
export type QueryRunner = (params: Readonly<Record<string, unknown>>, window: QueryWindow, signal: AbortSignal) => Promise<QueryOutput>;

export interface DiagnosticsContext {
  runners: Partial<Record<string, QueryRunner>>;
  /** The incident window; a step's `range` ends at `window.to`. */
  window: QueryWindow;
  /** Template variables: { incident: {...}, hypothesis: { ..., entities: {...} }, alert: { ..., labels: {...} } }. */
  vars: Readonly<Record<string, unknown>>;
  journal?: Journal;
  hypothesisId?: string;
  actor?: string;
}

export interface Evidence {
  runbookId: string;
  stepId: string;
  name: string;
  action: 'verify_hypothesis' | 'diagnose';
  kind: string;
  /** The query as run: its filled params, canonical JSON. */
  query: string;
  window: QueryWindow;
  status: 'ok' | 'error' | 'skipped';
  resultDigest: string | null;
  value: number | null;
  /** Whether the step's threshold held (null without a threshold or without a value). */
  passed: boolean | null;
  error?: string;
  data?: JsonValue;
}

const digest = (s: string): string => createHash('sha256').update(s).digest('hex');

function lookup(root: Readonly<Record<string, unknown>>, path: readonly string[]): Scalar | undefined {
  let v: unknown = root;
  for (const k of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, k)) return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : undefined;
}

class FillError extends Error {}

function fill(v: unknown, vars: Readonly<Record<string, unknown>>): unknown {
  if (typeof v === 'string') {
    const t = parseTemplate(v);
    if (!t.ok) throw new FillError(t.message);
    const sole = soleVariable(t.parts);
    if (sole !== null) {
      const x = lookup(vars, sole);
      if (x === undefined) throw new FillError(`no value for {{ ${sole.join('.')} }}`);
      return typeof x === 'string' ? x : String(x);
    }
    const r = renderTemplate(t.parts, (p) => lookup(vars, p));
    if (!r.ok) throw new FillError(`no value for {{ ${r.missing} }}`);
    return r.text;
  }
  if (Array.isArray(v)) return v.map((x) => fill(x, vars));
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fill(x, vars)]));
  return v;
}

export function aggregate(samples: readonly number[], of: Threshold['of']): number | null {
  if (of === 'count') return samples.length;
  if (of === 'sum') return samples.reduce((a, b) => a + b, 0);
  if (samples.length === 0) return null;
  switch (of) {
    case 'max':
      return Math.max(...samples);
    case 'min':
      return Math.min(...samples);
  }
}

export function compare(value: number, t: Threshold): boolean {
  switch (t.op) {
    case '<':
      return value < t.value;
    case '<=':
      return value <= t.value;
    case '>':
      return value > t.value;
    case '>=':
      return value >= t.value;
    case '==':
      return value === t.value;
    case '!=':
      return value !== t.value;
  }
}

const rangeText = (w: QueryWindow): string => `${Math.max(1, Math.round((w.to - w.from) / 60_000))}m`;

async function runStep(rb: Runbook, step: Step, ctx: DiagnosticsContext, vars: Readonly<Record<string, unknown>>): Promise<Evidence> {
  const action = step.action === 'verify_hypothesis' ? 'verify_hypothesis' : 'diagnose';
  const base = { runbookId: rb.id, stepId: step.id, name: step.name, action, kind: step.uses } as const;
  const errorOf = (query: string, window: QueryWindow, error: string): Evidence => ({ ...base, query, window, status: 'error', resultDigest: null, value: null, passed: null, error });
  // A runbook (or model output) naming an action here is refused: diagnostics only read.
  const kind = Object.hasOwn(QUERY_KINDS, step.uses) ? QUERY_KINDS[step.uses] : undefined;
  if (kind === undefined) return errorOf('', ctx.window, getAction(step.uses) !== undefined ? `"${step.uses}" is an action, not a read-only query: it is never run automatically` : `unknown query kind "${step.uses}"`);
  let params: Record<string, unknown>;
  try {
    params = fill(step.params, vars) as Record<string, unknown>;
  } catch (err) {
    return errorOf(canonicalJson(step.params as JsonValue), ctx.window, err instanceof Error ? err.message : String(err));
  }
  const query = canonicalJson(params as JsonValue);
  const parsed = kind.params.safeParse(params);
  const range = typeof params.range === 'string' ? durationMs(params.range) : null;
  const window: QueryWindow = range === null ? ctx.window : { from: ctx.window.to - range, to: ctx.window.to };
  if (!parsed.success) return errorOf(query, window, `params: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const runner = ctx.runners[step.uses];
  if (runner === undefined) return errorOf(query, window, `no ${step.uses} source is connected`);
  const timeoutMs = durationMs(step.timeout) ?? 30_000;
  const signal = AbortSignal.timeout(timeoutMs);
  let out: QueryOutput;
  try {
    out = await Promise.race([
      runner(parsed.data as Record<string, unknown>, window, signal),
      new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(new Error(`no answer within ${step.timeout}`)), { once: true })),
    ]);
  } catch (err) {
    return errorOf(query, window, err instanceof Error ? err.message.slice(0, 1000) : String(err));
  }
  const threshold = step.expected.threshold;
  const value = aggregate(out.samples, threshold?.of ?? 'max');
  return {
    ...base,
    query,
    window,
    status: 'ok',
    resultDigest: digest(canonicalJson(out.data)),
    value,
    passed: threshold === undefined || value === null ? null : compare(value, threshold),
    data: out.data,
  };
}

export async function runDiagnostics(runbook: Runbook, ctx: DiagnosticsContext): Promise<Evidence[]> {
  const out: Evidence[] = [];
  const stepVars: Record<string, { value: number | string; summary: string }> = {};
  const window = { from: new Date(ctx.window.from).toISOString(), to: new Date(ctx.window.to).toISOString(), range: rangeText(ctx.window) };
  let aborted: string | null = null;
  for (const step of runbook.steps) {
    if (step.action !== 'verify_hypothesis' && step.action !== 'diagnose') continue;
    const vars = { ...ctx.vars, window, steps: stepVars };
    const e: Evidence =
      aborted === null
        ? await runStep(runbook, step, ctx, vars)
        : { runbookId: runbook.id, stepId: step.id, name: step.name, action: step.action, kind: step.uses, query: '', window: ctx.window, status: 'skipped', resultDigest: null, value: null, passed: null, error: aborted };
    out.push(e);
    if (e.status === 'ok') stepVars[step.id] = { value: e.value ?? '', summary: `${step.name}: ${e.value ?? 'no value'}` };
    if (aborted === null && step.action === 'verify_hypothesis' && step.on_failure === 'abort' && (e.status !== 'ok' || e.passed === false)) {
      aborted = `not run: "${step.id}" did not confirm the hypothesis`;
    }
    if (ctx.journal !== undefined && e.status !== 'skipped') {
      ctx.journal.append({
        kind: 'evidence',
        actor: ctx.actor ?? 'sitrep',
        payload: {
          query: e.query === '' ? `(${e.kind})` : e.query,
          source: e.kind,
          window: e.window,
          resultDigest: e.resultDigest ?? digest(`error:${e.error ?? ''}`),
          ...(ctx.hypothesisId !== undefined ? { hypothesisId: ctx.hypothesisId } : {}),
          detail: { runbook: runbook.id, step: e.stepId, status: e.status, value: e.value, passed: e.passed, ...(e.error !== undefined ? { error: e.error } : {}) },
        },
      });
    }
  }
  return out;
}

/** PromQL over a Prometheus-compatible connection: an instant query at the window's end, or a range query with `range`. */
export function promqlRunner(conn: Connection): QueryRunner {
  return async (params, window, signal) => {
    const q = String(params.query);
    const range = typeof params.range === 'string' ? durationMs(params.range) : null;
    const stepSec = typeof params.step === 'string' ? Math.max(1, Math.round((durationMs(params.step) ?? 60_000) / 1000)) : Math.max(1, Math.round((window.to - window.from) / 1000 / 300));
    const r = range === null ? await queryInstant(conn, q, window.to, signal) : await queryRange(conn, q, window.from, window.to, stepSec, signal);
    const samples = r.series.flatMap((s) => {
      const last = s.points[s.points.length - 1];
      return last === undefined ? [] : [last[1]];
    });
    return { data: r.series.map((s) => ({ metric: s.metric, points: s.points.map(([t, v]) => [t, v]) })) as JsonValue, samples };
  };
}
