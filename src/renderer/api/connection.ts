/**
 * Live-update connection status of the browser host's push socket (the Electron bridge is
 * always connected). A tiny observable so the app can show a banner and refetch on reconnect.
 */
export type ConnectionStatus = 'connecting' | 'open' | 'closed';

type Listener = (status: ConnectionStatus, previous: ConnectionStatus) => void;

let current: ConnectionStatus = 'open';
const listeners = new Set<Listener>();

export function connectionStatus(): ConnectionStatus {
  return current;
}

export function setConnectionStatus(next: ConnectionStatus): void {
  if (next === current) return;
  const previous = current;
  current = next;
  for (const l of [...listeners]) l(next, previous);
}

export function onConnectionStatus(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
