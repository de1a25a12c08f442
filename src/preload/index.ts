/**
 * The sandboxed preload: exposes `window.sitrep` (SitrepBridge), and `window.sitrepFiles.pathFor`
 * so a dropped File can be imported by path (Electron's webUtils.getPathForFile; the core checks
 * the path is a readable regular file or folder). Nothing else.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createBridge } from './bridge';

const bridge = createBridge(ipcRenderer);

contextBridge.exposeInMainWorld('sitrep', {
  invoke: (channel: string, input: unknown) => bridge.invoke(channel, input),
  on: (event: string, listener: (payload: unknown) => void) => bridge.on(event, listener),
});

contextBridge.exposeInMainWorld('sitrepFiles', {
  pathFor: (file: File) => webUtils.getPathForFile(file),
});
