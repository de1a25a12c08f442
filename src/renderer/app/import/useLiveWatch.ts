/** Watches the open incident live (`live.watch` on open, `live.unwatch` on close); failures are logged, never shown as crashes. */
import { useEffect, useState } from 'react';
import type { LiveStatus } from '../../../shared/contract-ingest';
import { call, onPush } from '../../api/client';

export function useLiveWatch(incidentId: string): LiveStatus | null {
  const [status, setStatus] = useState<LiveStatus | null>(null);
  useEffect(() => {
    let active = true;
    let off: () => void = () => undefined;
    call('live.watch', { incidentId })
      .then((w) => {
        // Subscribe only once watching: no push connection is opened for nothing.
        if (!active || !w.watching) return;
        off = onPush('live.status', (s) => {
          if (s.incidentId === incidentId) setStatus(s);
        });
      })
      .catch((e: unknown) => console.warn('sitrep: live updates unavailable', e));
    return () => {
      active = false;
      off();
      void call('live.unwatch', { incidentId }).catch(() => undefined);
    };
  }, [incidentId]);
  return status;
}
