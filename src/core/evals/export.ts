/**
 * The incident → eval case export: selects the calls (./select.ts), turns each into an eval case
 * (./case.ts) and writes JSON Lines in a deterministic order (time, event id, failure mode).
 * Inputs, outputs and tool texts are redacted by default with the model layer's redactor (one per
 * export, so a value keeps its placeholder across cases); `raw` keeps the recorded text.
 */
import { EvalCase, FAILURE_MODES, type EvalExport, type FailureMode } from '../../shared/contract-evals';
import { DEFAULT_REDACTION, type RedactionConfig } from '../model/redact/config';
import { createRedactor } from '../model/redact/redactor';
import type { EventStore } from '../store/api';
import { incidentAnalysis } from './analysis';
import { buildCase } from './case';
import { selectCalls, type SelectOptions } from './select';

export interface ExportOptions extends SelectOptions {
  /** Keep the recorded text as it is (no redaction). */
  raw?: boolean;
  /** What to redact (default: the model layer's defaults). */
  redaction?: RedactionConfig;
  /** `createdAt` of an analysis run for this export, when none is stored. */
  now?: number;
}

export interface ExportResult {
  summary: EvalExport;
  cases: EvalCase[];
}

export function evalFileName(incidentId: string, raw: boolean): string {
  return `${incidentId.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 150)}-evals${raw ? '-raw' : ''}.jsonl`;
}

export function exportEvalCases(store: EventStore, incidentId: string, opts: ExportOptions = {}): ExportResult {
  const raw = opts.raw === true;
  const { incident, result, source } = incidentAnalysis(store, incidentId, opts.now);
  const selection = selectCalls(store.sql, incident, result, opts);
  const redactor = raw ? null : createRedactor(opts.redaction ?? DEFAULT_REDACTION);
  const scrub = redactor === null ? (s: string) => s : (s: string) => redactor.redact(s);
  const ordered = [...selection.selected].sort((a, b) => a.call.ts - b.call.ts || a.call.id - b.call.id || (a.finding.mode < b.finding.mode ? -1 : a.finding.mode > b.finding.mode ? 1 : 0));
  const cases = ordered.map((s) => EvalCase.parse(buildCase(incident.id, s, selection.traces.of(s.call.event.traceId, s.call.ts), scrub)));

  const byFailureMode = Object.fromEntries(FAILURE_MODES.map((m) => [m, { fail: 0, pass: 0 }])) as Record<FailureMode, { fail: number; pass: number }>;
  const byLabel = { fail: 0, pass: 0 };
  const inputs = { call: 0, trace: 0, none: 0 };
  ordered.forEach((s, i) => {
    byFailureMode[s.finding.mode][s.finding.label]++;
    byLabel[s.finding.label]++;
    const c = cases[i];
    if (c !== undefined) inputs[c.input.recorded]++;
  });
  return {
    cases,
    summary: {
      incidentId: incident.id,
      analysisId: result.id,
      analysisSource: source,
      raw,
      cases: cases.length,
      byLabel,
      byFailureMode,
      inputs,
      redacted: redactor?.counts() ?? {},
      truncated: selection.truncated,
      fileName: evalFileName(incident.id, raw),
      jsonl: toJsonl(cases),
    },
  };
}

export function toJsonl(cases: readonly EvalCase[]): string {
  return cases.map((c) => `${JSON.stringify(c)}\n`).join('');
}

/** Parses an export back, line by line; throws naming the first bad line. */
export function parseJsonl(text: string): EvalCase[] {
  const out: EvalCase[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (line === '' && i === lines.length - 1) return;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      throw new Error(`line ${i + 1} is not JSON`);
    }
    const parsed = EvalCase.safeParse(v);
    if (!parsed.success) throw new Error(`line ${i + 1} is not an eval case: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`);
    out.push(parsed.data);
  });
  return out;
}
