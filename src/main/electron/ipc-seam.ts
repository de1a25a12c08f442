/**
 * The Electron seam for the contract's one registration loop: ipcMain.handle('sitrep:<channel>')
 * with the sender check (main window, top frame, app:// origin) before anything is dispatched.
 */
import { type BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { WIRE } from '../../shared/bridge';
import { fail } from '../../shared/envelope';
import type { ContractSeam } from '../../core/contract/register';
import { isTrustedSender } from '../security/sender-check';

function senderFacts(event: IpcMainInvokeEvent, win: BrowserWindow | null) {
  const frame = event.senderFrame;
  const main = win && !win.isDestroyed() ? win.webContents.mainFrame : null;
  return {
    hasFrame: frame !== null,
    isMainWindowTopFrame:
      frame !== null &&
      main !== null &&
      event.sender === win?.webContents &&
      frame.parent === null &&
      frame.processId === main.processId &&
      frame.frameToken === main.frameToken,
    url: frame?.url ?? '',
  };
}

export function createElectronSeam(getMainWindow: () => BrowserWindow | null): ContractSeam {
  return {
    handle(channel, fn) {
      ipcMain.handle(WIRE.invokePrefix + channel, async (event, raw: unknown) => {
        if (!isTrustedSender(senderFacts(event, getMainWindow()))) {
          return fail('forbidden', 'This window may not call Sitrep');
        }
        return fn(raw, { host: 'electron', role: 'operator' });
      });
    },
  };
}
