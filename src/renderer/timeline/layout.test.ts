import { describe, expect, it } from 'vitest';
import { LANE_ORDER } from '../../shared/lanes';
import { AXIS_H, COLLAPSED_H, laneAt, layoutLanes, MIN_LANE_H } from './layout';

describe('layoutLanes', () => {
  it('stacks every lane in order below the axis, filling the height', () => {
    const boxes = layoutLanes(LANE_ORDER, new Set(), 900);
    expect(boxes.map((b) => b.lane)).toEqual([...LANE_ORDER]);
    expect(boxes[0]?.y).toBe(AXIS_H);
    for (let i = 1; i < boxes.length; i++) expect(boxes[i]?.y).toBe((boxes[i - 1]?.y ?? 0) + (boxes[i - 1]?.h ?? 0));
    const last = boxes[boxes.length - 1];
    expect((last?.y ?? 0) + (last?.h ?? 0)).toBeLessThanOrEqual(900);
    expect((last?.y ?? 0) + (last?.h ?? 0)).toBeGreaterThan(890);
  });
  it('gives collapsed lanes a header-only height and their room to the others', () => {
    const open = layoutLanes(LANE_ORDER, new Set(), 900);
    const some = layoutLanes(LANE_ORDER, new Set(['logs', 'alerts'] as const), 900);
    expect(some.find((b) => b.lane === 'logs')).toMatchObject({ h: COLLAPSED_H, collapsed: true });
    expect(some.find((b) => b.lane === 'llm')?.h).toBeGreaterThan(open.find((b) => b.lane === 'llm')?.h ?? 0);
  });
  it('never goes below the minimum lane height (the body scrolls instead)', () => {
    for (const b of layoutLanes(LANE_ORDER, new Set(), 100)) expect(b.h).toBeGreaterThanOrEqual(MIN_LANE_H);
  });
  it('finds the lane at a y', () => {
    const boxes = layoutLanes(LANE_ORDER, new Set(), 900);
    const traces = boxes.find((b) => b.lane === 'traces');
    expect(laneAt(boxes, (traces?.y ?? 0) + 1)?.lane).toBe('traces');
    expect(laneAt(boxes, 2)).toBeNull();
  });
});
