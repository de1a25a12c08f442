/**
 * Hardening applied to every web contents and session: no navigation away from the app, no
 * new windows, no webviews, no permissions; external links only to allowlisted https hosts.
 */
import { app, type Session, shell, type WebContents } from 'electron';
import { isAllowedNavigation } from '../security/app-origin';
import { isAllowedExternalUrl } from '../security/external-url';

export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

function openExternally(url: string, allowlist: () => readonly string[]): void {
  if (isAllowedExternalUrl(url, allowlist())) {
    void shell.openExternal(url);
  } else {
    console.warn(`[sitrep] blocked opening ${url.slice(0, 200)}`);
  }
}

export function hardenWebContents(contents: WebContents, allowlist: () => readonly string[]): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url)) {
      event.preventDefault();
      openExternally(url, allowlist);
    }
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url, allowlist);
    return { action: 'deny' };
  });
}

/** Every web contents the app ever creates gets the same treatment. */
export function hardenAllWebContents(allowlist: () => readonly string[]): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, allowlist));
}
