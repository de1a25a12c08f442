/** The sandboxed preload: exposes `window.sitrep` (SitrepBridge) and nothing else. */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';

const bridge = createBridge(ipcRenderer);

contextBridge.exposeInMainWorld('sitrep', {
  invoke: (channel: string, input: unknown) => bridge.invoke(channel, input),
  on: (event: string, listener: (payload: unknown) => void) => bridge.on(event, listener),
});
