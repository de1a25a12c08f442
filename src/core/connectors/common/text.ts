/** Bounds for strings that arrive from telemetry: hostile or runaway values are cut, visibly. */
import { MAX_SHORT, MAX_TEXT } from '../../../shared/events';

export const TRUNCATION_MARK = '…[truncated]';

/** Cuts `s` to at most `max` UTF-16 units, ending with a visible mark when it was cut. */
export function clampText(s: string, max: number = MAX_TEXT): string {
  if (s.length <= max) return s;
  return s.slice(0, Math.max(0, max - TRUNCATION_MARK.length)) + TRUNCATION_MARK;
}

export const clampShort = (s: string): string => clampText(s, MAX_SHORT);
