/**
 * Observation mode's other half: what the responders actually did is journaled beside what
 * Sitrep would have done, and `observationReport` compares the two (same action on the same
 * subjects), so its accuracy can be measured before anyone lets it act.
 */
import type { Journal } from '../journal/journal';
import { subjectsOf } from '../policy';

export interface HumanAction {
  /** The operator (or the responder's name) who did it. */
  actor: string;
  /** The catalogue action it corresponds to, or free text for something outside the catalogue. */
  actionId: string;
  params: unknown;
  target: unknown;
  note?: string;
}

const keyOf = (actionId: string, params: unknown, target: unknown): string => {
  const s = subjectsOf(params, target);
  return JSON.stringify([actionId, [...s.namespaces].sort(), [...s.names].sort(), [...s.targets].sort()]);
};

export function recordHumanAction(journal: Journal, h: HumanAction): void {
  journal.append({
    kind: 'note',
    actor: h.actor,
    payload: {
      text: `Done by hand: ${h.actionId}${h.note !== undefined ? ` (${h.note})` : ''}`.slice(0, 4000),
      detail: { type: 'human_action', actionId: h.actionId, subjects: subjectsOf(h.params, h.target), key: keyOf(h.actionId, h.params, h.target) },
    },
  });
}

export interface ObservationReport {
  wouldHaveDone: number;
  doneByHand: number;
  /** Observations a human also did (same action, same subjects). */
  matched: number;
  /** matched / wouldHaveDone (null with no observation). */
  precision: number | null;
  /** matched / doneByHand (null with no human action). */
  recall: number | null;
}

interface ObservationDetail {
  type?: unknown;
  actionId?: unknown;
  subjects?: { namespaces?: unknown; names?: unknown; targets?: unknown };
  key?: unknown;
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export function observationReport(journal: Journal, since = 0): ObservationReport {
  const observed: string[] = [];
  const human: string[] = [];
  for (const e of journal.list({ kind: 'note' })) {
    if (e.ts < since) continue;
    const d = (e.payload as { detail?: ObservationDetail } | null)?.detail;
    if (d === undefined || typeof d.actionId !== 'string') continue;
    const s = d.subjects ?? {};
    const key = JSON.stringify([d.actionId, list(s.namespaces).sort(), list(s.names).sort(), list(s.targets).sort()]);
    if (d.type === 'observation') observed.push(key);
    if (d.type === 'human_action') human.push(key);
  }
  const remaining = [...human];
  let matched = 0;
  for (const k of observed) {
    const i = remaining.indexOf(k);
    if (i >= 0) {
      matched += 1;
      remaining.splice(i, 1);
    }
  }
  return {
    wouldHaveDone: observed.length,
    doneByHand: human.length,
    matched,
    precision: observed.length === 0 ? null : matched / observed.length,
    recall: human.length === 0 ? null : matched / human.length,
  };
}
