/**
 * Which links the desktop app may hand to the OS browser: https only, no credentials in the
 * URL, and the host must be on the allowlist (defaults below plus hosts from settings).
 */
export const DEFAULT_EXTERNAL_HOSTS: readonly string[] = ['github.com', 'opentelemetry.io', 'prometheus.io'];

export function isAllowedExternalUrl(url: unknown, allowlist: readonly string[] = DEFAULT_EXTERNAL_HOSTS): boolean {
  if (typeof url !== 'string' || url.length > 2048) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:') return false;
  if (parsed.username !== '' || parsed.password !== '') return false;
  if (parsed.port !== '') return false;
  const host = parsed.hostname.toLowerCase();
  return allowlist.some((allowed) => allowed.toLowerCase() === host);
}
