/**
 * The quality gate's runner: each scenario at each seed is generated into a fresh in-memory store,
 * analysed over its window, and scored (rank of the first correct hypothesis, the trap). The
 * engine is passed in, so this module does not depend on it.
 */
import { AnalysisResult } from '../../shared/hypotheses';
import type { EventStore } from '../store/api';
import { openStore } from '../store/store';
import { writeScenario } from './generate';
import { firstCorrectRank, trapOutcome, type TrapOutcome } from './match';
import type { ScenarioDef } from './types';

export type AnalyzeFn = (store: EventStore, opts: { from: number; to: number; now?: number }) => unknown;

export interface CaseResult {
  scenario: string;
  seed: number;
  label: string;
  expected: { category: string; runbook: string };
  /** Rank of the first correct hypothesis, null when none is. */
  rank: number | null;
  verdict: 'supported' | 'inconclusive';
  top: { title: string; category: string; runbook: string | null; entities: string[] } | null;
  trap: TrapOutcome;
  events: number;
  analyzeMs: number;
}

export interface QualityReport {
  cases: CaseResult[];
  top1: number;
  top3: number;
  /** Cases where a trap was set, and how many were sprung. */
  traps: { set: number; sprung: number };
}

export function runCase(def: ScenarioDef, seed: number, analyze: AnalyzeFn, opts: { scale?: number } = {}): CaseResult {
  const store = openStore(':memory:');
  try {
    const w = store.bulk();
    const g = writeScenario(w, def, { seed, ...(opts.scale !== undefined ? { scale: opts.scale } : {}) });
    w.commit();
    const started = performance.now();
    const raw = analyze(store, { from: g.from, to: g.to, now: g.to });
    const analyzeMs = performance.now() - started;
    const result = AnalysisResult.parse(raw);
    const top = [...result.hypotheses].sort((a, b) => a.rank - b.rank)[0];
    return {
      scenario: def.id,
      seed,
      label: g.label.title,
      expected: { category: g.label.expected.category, runbook: g.label.expected.runbook },
      rank: firstCorrectRank(result, g.label),
      verdict: result.verdict,
      top: top ? { title: top.title, category: top.category, runbook: top.runbook, entities: top.entities } : null,
      trap: trapOutcome(result, g.label),
      events: g.events,
      analyzeMs,
    };
  } finally {
    store.close();
  }
}

export function summarize(cases: CaseResult[]): QualityReport {
  const n = Math.max(1, cases.length);
  const trapCases = cases.filter((c) => c.trap !== 'none');
  return {
    cases,
    top1: cases.filter((c) => c.rank === 1).length / n,
    top3: cases.filter((c) => c.rank !== null && c.rank <= 3).length / n,
    traps: { set: trapCases.length, sprung: trapCases.filter((c) => c.trap === 'sprung').length },
  };
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const cut = (s: string, n: number): string => (s.length <= n ? s.padEnd(n) : `${s.slice(0, n - 1)}…`);

/** A plain-text table: one row per scenario × seed, then the totals. */
export function formatReport(r: QualityReport): string {
  const lines = [`${cut('scenario', 22)} ${cut('seed', 5)} ${cut('rank', 5)} ${cut('trap', 7)} ${cut('top-1 hypothesis', 70)} ms`];
  for (const c of r.cases) {
    const top = c.top ? `[${c.top.category}/${c.top.runbook ?? '-'}] ${c.top.title}` : `(${c.verdict}, no hypothesis)`;
    lines.push(`${cut(c.scenario, 22)} ${cut(String(c.seed), 5)} ${cut(c.rank === null ? '-' : String(c.rank), 5)} ${cut(c.trap === 'none' ? '' : c.trap, 7)} ${cut(top, 70)} ${Math.round(c.analyzeMs)}`);
  }
  lines.push('');
  lines.push(`top-1 accuracy ${pct(r.top1)} (target ≥ 75%)   top-3 accuracy ${pct(r.top3)} (target ≥ 90%)   trap sprung ${r.traps.sprung}/${r.traps.set} (target 0)`);
  return lines.join('\n');
}
