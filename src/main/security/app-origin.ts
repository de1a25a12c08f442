/**
 * The desktop renderer's origin: a privileged custom scheme, app://sitrep/. Note that WHATWG
 * URL gives non-special schemes an opaque origin ("null"), so origin checks compare the
 * protocol and host instead of URL.origin.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'sitrep';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export function isAppUrl(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/** Navigation is denied unless it stays inside the app's own origin. */
export function isAllowedNavigation(url: unknown): boolean {
  return isAppUrl(url);
}
