/**
 * The renderer's side of the idle lock. The core decides (it locks a session whose last activity
 * is older than the idle time); this hook reports the person's activity (keys, pointer, wheel,
 * typing) at most every quarter of the idle time, and asks the core again when the lock is due,
 * so the top bar turns to "locked" on time. Polling and pushes are not activity.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { governanceKeys, useAuthStatus, useTouch } from './queries';

const EVENTS = ['keydown', 'pointerdown', 'wheel', 'input'] as const;

export function useIdleLock(): void {
  const status = useAuthStatus().data;
  const qc = useQueryClient();
  const touch = useTouch();
  const lastTouch = useRef(0);
  const active = status?.state === 'active';
  const idleMs = status?.idleLockMs ?? 0;
  const lockAt = status?.lockAt ?? null;
  const { mutate } = touch;

  useEffect(() => {
    if (!active || idleMs <= 0) return undefined;
    const every = Math.min(30_000, Math.max(500, idleMs / 4));
    lastTouch.current = Date.now();
    const onActivity = () => {
      const now = Date.now();
      if (now - lastTouch.current < every) return;
      lastTouch.current = now;
      mutate();
    };
    for (const e of EVENTS) window.addEventListener(e, onActivity, { capture: true, passive: true });
    return () => {
      for (const e of EVENTS) window.removeEventListener(e, onActivity, { capture: true });
    };
  }, [active, idleMs, mutate]);

  useEffect(() => {
    if (!active || lockAt === null) return undefined;
    const t = setTimeout(() => void qc.invalidateQueries({ queryKey: governanceKeys.auth }), Math.max(0, lockAt - Date.now()) + 300);
    return () => clearTimeout(t);
  }, [active, lockAt, qc]);
}
