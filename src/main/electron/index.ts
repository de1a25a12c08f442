/**
 * Electron main: thin glue. Everything it decides is in ../security (pure, tested) or the core;
 * this file wires them to Electron's objects.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, Menu, session } from 'electron';
import { WIRE } from '../../shared/bridge';
import { createCore } from '../../core/app/core';
import { createBrowserShareHost, type BrowserShareHost } from '../serve/share-host';
import type { Core } from '../../core/app/assemble';
import { registerContract } from '../../core/contract/register';
import { setDesktopKeyProvider } from '../../core/connections/key-provider';
import { APP_ENTRY_URL } from '../security/app-origin';
import { DEFAULT_EXTERNAL_HOSTS } from '../security/external-url';
import { secureWebPreferences, WINDOW_BACKGROUND } from '../security/web-preferences';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { denyAllPermissions, hardenAllWebContents } from './hardening';
import { createElectronSeam } from './ipc-seam';
import { createSafeStorageKeyProvider } from './safe-storage';
import { menuTemplate } from './menu';
import { startHostReceiver } from '../../core/receiver/host';
import type { Receiver } from '../../core/receiver/server';

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererDir = join(here, '..', 'renderer');
const preloadPath = join(here, '..', 'preload', 'index.cjs');

// Tests and portable setups point the app at their own folder.
if (process.env.SITREP_HOME) app.setPath('userData', process.env.SITREP_HOME);

let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;
let receiver: Receiver | null = null;
let shareHost: BrowserShareHost | null = null;

function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'Sitrep',
    backgroundColor: WINDOW_BACKGROUND,
    show: false,
    webPreferences: secureWebPreferences(preloadPath),
  });
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

function start(): void {
  denyAllPermissions(session.defaultSession);
  serveAppProtocol(rendererDir);
  setDesktopKeyProvider(createSafeStorageKeyProvider());
  // The live view-only share: the same listener as the browser host's, serving the same renderer
  // to viewers' browsers (they reach the core through the viewer gateway, never through IPC).
  shareHost = createBrowserShareHost({ rendererDir, log: (line) => console.error(`[sitrep] ${line}`) });
  core = createCore({
    dbPath: join(app.getPath('userData'), 'sitrep.db'),
    host: 'electron',
    demoIfEmpty: true,
    version: app.getVersion(),
    threadedWriter: true,
    shareHost,
  });
  const c = core;
  registerContract(createElectronSeam(() => mainWindow), c.dispatch);
  // Pushes as the desktop seat may hear them (masked while it presents).
  c.onPushFor({ host: 'electron', role: 'operator' }, (event, payload) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(WIRE.pushChannel, { event, payload });
  });
  // The menu's actions go to this app's own window only, as the renderer's `app.command` push.
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate((command) => {
        if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(WIRE.pushChannel, { event: 'app.command', payload: { command } });
      }, process.platform),
    ),
  );
  mainWindow = createMainWindow();
  // The OTLP/HTTP + webhook receiver on 127.0.0.1 (SITREP_OTLP_PORT, default 4318; 'off' disables it).
  const otlpPort = process.env.SITREP_OTLP_PORT;
  if (otlpPort !== 'off') {
    const port = otlpPort !== undefined && /^\d{1,5}$/.test(otlpPort) ? Number(otlpPort) : undefined;
    void startHostReceiver(c.context, { port, say: (line) => console.error(`[sitrep] ${line}`) }).then((r) => {
      if (r && core === c) receiver = r;
      else void r?.close();
    });
  }
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  hardenAllWebContents(() => DEFAULT_EXTERNAL_HOSTS);
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('session-created', (s) => denyAllPermissions(s));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow();
  });
  app.on('will-quit', () => {
    void receiver?.close();
    receiver = null;
    void shareHost?.close();
    shareHost = null;
    core?.close();
    core = null;
  });
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      console.error('[sitrep] failed to start', err);
      app.exit(1);
    });
}
