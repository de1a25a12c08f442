/** A hypothesis under construction: what it claims, the signals behind it, and how it is scored. */
import type { HypothesisCategory } from '../../shared/hypotheses';
import type { Relations } from './relate';
import type { Signal } from './types';

import type { ShippedRunbookId } from '../runbooks/ids';

export { SHIPPED_RUNBOOK_IDS as RUNBOOKS } from '../runbooks/ids';
export type RunbookId = ShippedRunbookId;

export interface Candidate {
  /** Deduplication key (rule + main entity). */
  key: string;
  title: string;
  category: HypothesisCategory;
  runbook: RunbookId | null;
  /** The rule that produced it. */
  source: string;
  entities: string[];
  supporting: Signal[];
  /** Evidence ids that support it without being signals (the change itself). */
  extra: { id: string; strength: number }[];
  contradicting: string[];
  /** When the suspected cause started. */
  anchorAt: number;
  /** Rule prior: how much a match of this rule alone is worth. */
  prior: number;
  /** Multiplicative penalties from contradictions, 0..1. */
  penalty: number;
  /** A change is the suspected cause. */
  changeAnchored: boolean;
  /** The change was made by an automatic controller (an autoscaler): usually a reaction, not a cause. */
  automated?: boolean;
  rejectReason?: string;
  score?: number;
}

export interface RuleInput {
  signals: readonly Signal[];
  rel: Relations;
  /** Onset of the first clear symptom, or null when nothing user-facing moved. */
  onset: number | null;
  bucketMs: number;
}

export function candidate(c: Omit<Candidate, 'extra' | 'contradicting' | 'penalty' | 'changeAnchored'> & Partial<Candidate>): Candidate {
  return { extra: [], contradicting: [], penalty: 1, changeAnchored: false, ...c };
}

/** Signals of the given kinds related to the entities (co-location widened when asked), at or after `from`. */
export function relatedSignals(inp: RuleInput, entities: readonly string[], pred: (s: Signal) => boolean, from = -Infinity, widen = false): Signal[] {
  return inp.signals.filter((s) => s.at >= from && pred(s) && inp.rel.related(entities, s.entities, widen));
}

export const uniq = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

/** Entities of signals, most frequent first, bounded. */
export function entitiesOf(signals: readonly Signal[], max = 12): string[] {
  const c = new Map<string, number>();
  signals.forEach((s) => s.entities.forEach((e, i) => c.set(e, (c.get(e) ?? 0) + s.strength / (1 + i))));
  return [...c.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, max).map(([e]) => e);
}
