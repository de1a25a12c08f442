/**
 * Picks the transport once: the Electron preload bridge on `window.sitrep` when present,
 * else the browser host over HTTP + WebSocket (same origin).
 */
import type { SitrepBridge } from '../../shared/bridge';
import { createBrowserBridge } from './browserBridge';

declare global {
  interface Window {
    sitrep?: SitrepBridge;
  }
}

let bridge: SitrepBridge | null = null;

export function getBridge(): SitrepBridge {
  if (bridge) return bridge;
  bridge =
    window.sitrep ??
    createBrowserBridge({ fetch: window.fetch.bind(window), WebSocket: window.WebSocket, location: window.location });
  return bridge;
}

/** Tests only: replace (or reset with null) the bridge. */
export function setBridge(next: SitrepBridge | null): void {
  bridge = next;
}
