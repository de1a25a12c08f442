/** Shows when live updates from the browser host are interrupted (data on screen may be stale). */
import { useSyncExternalStore } from 'react';
import { connectionStatus, onConnectionStatus } from '../api/connection';

export function ConnectionBanner() {
  const status = useSyncExternalStore((cb) => onConnectionStatus(cb), connectionStatus);
  if (status !== 'closed') return null;
  return (
    <div className="banner banner-warn" role="status">
      Live updates interrupted: reconnecting to the core… What is on screen may be out of date.
    </div>
  );
}
