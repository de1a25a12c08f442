/** What the pattern rules share: signal predicates, grouping, and when a group of signals started. */
import type { RuleInput } from './candidate';
import { kindOf } from './entities';
import type { Signal, SignalKind } from './types';

export const is = (...kinds: SignalKind[]) => (s: Signal): boolean => kinds.includes(s.kind);
export const main = (s: Signal, kind: string): string | undefined => s.entities.find((e) => kindOf(e) === kind);
export const groupBy = (signals: readonly Signal[], key: (s: Signal) => string | undefined): Map<string, Signal[]> => {
  const m = new Map<string, Signal[]>();
  for (const s of signals) {
    const k = key(s);
    if (k === undefined) continue;
    (m.get(k) ?? m.set(k, []).get(k))?.push(s);
  }
  return new Map([...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
};
/** Groups signals whose entities are related (connected components, strongest first). */
export function clusters(inp: RuleInput, signals: readonly Signal[]): Signal[][] {
  const out: Signal[][] = [];
  for (const s of [...signals].sort((a, b) => b.strength - a.strength || a.at - b.at)) {
    const home = out.find((c) => c.some((t) => inp.rel.related(t.entities, s.entities)));
    if (home !== undefined) home.push(s);
    else out.push([s]);
  }
  return out;
}
/** When the strong signals of a group started (weak early blips do not move it). */
export const earliest = (ss: readonly Signal[]): number => {
  const max = Math.max(...ss.map((s) => s.strength));
  return Math.min(...ss.filter((s) => s.strength >= Math.min(0.2, max) && s.strength >= 0.5 * max).map((s) => s.at));
};

