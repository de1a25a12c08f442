// @vitest-environment happy-dom
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { noteViewActivity } from '../../timeline/activity';
import { useSettledRange } from './useSettledRange';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('useSettledRange', () => {
  it('follows a new range once it has been unchanged for ms', () => {
    const { result, rerender } = renderHook(({ r }) => useSettledRange(r, 250), { initialProps: { r: { from: 0, to: 10 } } });
    rerender({ r: { from: 5, to: 15 } });
    act(() => void vi.advanceTimersByTime(200));
    expect(result.current).toEqual({ from: 0, to: 10 });
    act(() => void vi.advanceTimersByTime(60));
    expect(result.current).toEqual({ from: 5, to: 15 });
  });

  it('waits while the timeline view keeps moving (a pan in progress), then follows', () => {
    const { result, rerender } = renderHook(({ r }) => useSettledRange(r, 250), { initialProps: { r: { from: 0, to: 10 } } });
    rerender({ r: { from: 5, to: 15 } });
    // The user starts the next drag right away: the view moves every 16 ms for 1 s.
    for (let t = 0; t < 1000; t += 16) {
      noteViewActivity();
      act(() => void vi.advanceTimersByTime(16));
      expect(result.current).toEqual({ from: 0, to: 10 });
    }
    // Last move at t = 992 ms: it follows 250 ms later, not before.
    act(() => void vi.advanceTimersByTime(200));
    expect(result.current).toEqual({ from: 0, to: 10 });
    act(() => void vi.advanceTimersByTime(50));
    expect(result.current).toEqual({ from: 5, to: 15 });
  });

  it('passes the value straight through with ms = 0', () => {
    const { result, rerender } = renderHook(({ r }) => useSettledRange(r, 0), { initialProps: { r: { from: 0, to: 10 } } });
    rerender({ r: { from: 5, to: 15 } });
    expect(result.current).toEqual({ from: 5, to: 15 });
  });
});
