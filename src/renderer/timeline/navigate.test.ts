import { describe, expect, it } from 'vitest';
import type { EventItem } from '../../shared/window';
import { isSignificant, pickAdjacent } from './navigate';

const mk = (id: number, ts: number, status: EventItem['status'] = 'error', kind: EventItem['kind'] = 'span'): EventItem => ({
  id,
  ts,
  durMs: null,
  kind,
  service: 's',
  name: `e${id}`,
  status,
  tokens: null,
  costUsd: null,
});

const LIST = [mk(1, 100), mk(2, 200), mk(3, 200), mk(4, 300)];

describe('pickAdjacent', () => {
  it('steps forward and back from the current item, breaking time ties by id', () => {
    expect(pickAdjacent(LIST, LIST[1] ?? null, 0, 1)?.id).toBe(3);
    expect(pickAdjacent(LIST, LIST[2] ?? null, 0, -1)?.id).toBe(2);
    expect(pickAdjacent(LIST, LIST[3] ?? null, 0, 1)).toBeNull();
  });
  it('starts from the reference time with no selection', () => {
    expect(pickAdjacent(LIST, null, 150, 1)?.id).toBe(2);
    expect(pickAdjacent(LIST, null, 250, -1)?.id).toBe(3);
    expect(pickAdjacent(LIST, null, 200, 1)?.id).toBe(2);
  });
  it('returns null on an empty list', () => {
    expect(pickAdjacent([], null, 0, 1)).toBeNull();
  });
});

describe('isSignificant', () => {
  it('counts errors, warnings, alerts and changes', () => {
    expect(isSignificant(mk(1, 0, 'ok'))).toBe(false);
    expect(isSignificant(mk(1, 0, 'warn'))).toBe(true);
    expect(isSignificant(mk(1, 0, 'ok', 'change'))).toBe(true);
    expect(isSignificant(mk(1, 0, 'ok', 'alert'))).toBe(true);
  });
});
