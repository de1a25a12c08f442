/**
 * Scoring an analysis against a scenario's label. A hypothesis is correct when it names at least
 * one expected entity and suggests the expected runbook (or, suggesting none, has the expected
 * category): a hypothesis that points the commander at another runbook is wrong. The trap is sprung when
 * the first-ranked hypothesis blames the change to a must-not-blame entity: it names that entity
 * and its supporting evidence holds a change to it (or, when the hypothesis is wrong, any change).
 * A wrong first hypothesis that merely lists the entity as affected is a top-1 miss, not the trap.
 */
import type { AnalysisResult, Hypothesis } from '../../shared/hypotheses';
import type { ScenarioLabel } from './types';

type Scored = Pick<Hypothesis, 'runbook' | 'category' | 'entities'>;

const intersects = (a: readonly string[], b: readonly string[]): boolean => a.some((x) => b.includes(x));

export function isCorrect(h: Scored, expected: ScenarioLabel['expected']): boolean {
  const rightAction = h.runbook === expected.runbook || (h.runbook === null && h.category === expected.category);
  return rightAction && intersects(h.entities, expected.entities);
}

const ranked = (r: AnalysisResult): Hypothesis[] => [...r.hypotheses].sort((a, b) => a.rank - b.rank);

/** 1-based position of the first correct hypothesis, or null when none is. */
export function firstCorrectRank(r: AnalysisResult, label: ScenarioLabel): number | null {
  const i = ranked(r).findIndex((h) => isCorrect(h, label.expected));
  return i < 0 ? null : i + 1;
}

export type TrapOutcome = 'none' | 'held' | 'sprung';

export function trapOutcome(r: AnalysisResult, label: ScenarioLabel): TrapOutcome {
  const banned = label.trap?.mustNotRankFirst;
  if (banned === undefined) return 'none';
  const top = ranked(r)[0];
  if (top === undefined || !intersects(top.entities, banned)) return 'held';
  const changes = r.evidence.filter((e) => top.supporting.includes(e.id) && e.kind === 'change');
  const wrong = !isCorrect(top, label.expected);
  return changes.some((e) => intersects(e.entities, banned) || wrong) ? 'sprung' : 'held';
}
