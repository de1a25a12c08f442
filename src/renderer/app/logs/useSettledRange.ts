import { startTransition, useEffect, useState } from 'react';
import type { TimeRange } from '../../state/ui';
import { msSinceViewActivity } from '../../timeline/activity';

export const sameRange = (a: TimeRange | null, b: TimeRange | null): boolean =>
  a === b || (!!a && !!b && a.from === b.from && a.to === b.to);

/**
 * The range (the brush or the view) once it has settled: unchanged for `ms` AND the timeline's
 * view still for `ms`, so a panel following it neither refetches nor re-renders while the user
 * pans (a drag commits the view at its end; the next drag may start at once). The update is a
 * transition: React renders it in slices and drops it if the range moves again. 0: immediately.
 */
export function useSettledRange(value: TimeRange | null, ms: number): TimeRange | null {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (ms <= 0 || sameRange(settled, value)) return undefined;
    let timer: ReturnType<typeof setTimeout>;
    const arm = (wait: number): void => {
      timer = setTimeout(() => {
        const still = msSinceViewActivity();
        if (still < ms) arm(ms - still);
        else startTransition(() => setSettled(value));
      }, wait);
    };
    arm(ms);
    return () => clearTimeout(timer);
  }, [value, ms, settled]);
  return ms <= 0 ? value : settled;
}
