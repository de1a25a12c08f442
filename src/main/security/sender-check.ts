/**
 * The IPC sender check: a contract call is served only when it comes from the main window's
 * top-level frame showing the app's own origin (not an iframe, not another window, not a page
 * that navigated elsewhere).
 */
import { isAppUrl } from './app-origin';

export interface SenderFrameFacts {
  /** event.senderFrame is null when the frame navigated away or was destroyed. */
  hasFrame: boolean;
  /** senderFrame === mainWindow.webContents.mainFrame */
  isMainWindowTopFrame: boolean;
  url: string;
}

export function isTrustedSender(facts: SenderFrameFacts): boolean {
  return facts.hasFrame && facts.isMainWindowTopFrame && isAppUrl(facts.url);
}
