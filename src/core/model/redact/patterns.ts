/**
 * What redaction looks for. Each pattern names a class (counted in the egress indicator) and,
 * when only part of a match is sensitive (the value after `password=`), the group that is.
 * Order matters: earlier patterns win, so the most specific come first.
 */
export interface RedactionPattern {
  cls: string;
  re: RegExp;
  /** Index of the capturing group to replace; 0 (or absent) means the whole match. */
  group?: number;
}

const hex4 = '[0-9A-Fa-f]{1,4}';
const IPV6 = new RegExp(
  '(?<![\\w:.])(?:' +
    [
      `(?:${hex4}:){7}${hex4}`,
      `(?:${hex4}:){1,7}:`,
      `(?:${hex4}:){1,6}:${hex4}`,
      `(?:${hex4}:){1,5}(?::${hex4}){1,2}`,
      `(?:${hex4}:){1,4}(?::${hex4}){1,3}`,
      `(?:${hex4}:){1,3}(?::${hex4}){1,4}`,
      `(?:${hex4}:){1,2}(?::${hex4}){1,5}`,
      `${hex4}:(?::${hex4}){1,6}`,
      `:(?::${hex4}){1,7}`,
    ].join('|') +
    ')(?![\\w:])',
  'g',
);
const octet = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`(?<![\\w.])(?:${octet}\\.){3}${octet}(?![\\w]|\\.\\d)`, 'g');

export const SECRET_PATTERNS: RedactionPattern[] = [
  { cls: 'private_key', re: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g },
  { cls: 'jwt', re: /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g },
  // RFC 6750 b64token: letters, digits and - . _ ~ + / then any '='.
  { cls: 'bearer', re: /\b(?:Bearer|Token)\s+([A-Za-z0-9._~+/-]{8,}=*)/gi, group: 1 },
  { cls: 'password', re: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@"']+:([^\s@/"']+)@/gi, group: 1 },
  {
    cls: 'api_key',
    re: /\b(?:sk-(?:proj-|ant-|live-|test-)?[A-Za-z0-9_-]{16,}|(?:AKIA|ASIA)[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{20,}|xox[abposr]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{35}|glpat-[A-Za-z0-9_-]{20,}|hf_[A-Za-z0-9]{30,})/g,
  },
  {
    cls: 'secret',
    re: /\b(?:pass(?:word|wd|phrase)?|pwd|secret|client[_-]?secret|token|access[_-]?token|refresh[_-]?token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|auth)(?:["']?\s*[:=]\s*["']?)([^\s"'&,;]{3,})/gi,
    group: 1,
  },
];

export const EMAIL_PATTERN: RedactionPattern = { cls: 'email', re: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g };
export const IP_PATTERNS: RedactionPattern[] = [
  { cls: 'ipv6', re: IPV6 },
  { cls: 'ipv4', re: IPV4 },
];

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `user.id=…`, `"enduser.id": "…"` for each configured attribute key. */
export function userIdPattern(keys: readonly string[]): RedactionPattern | null {
  if (keys.length === 0) return null;
  const alt = keys.map(escapeRe).join('|');
  return { cls: 'user_id', re: new RegExp(`(?<![\\w.])(?:${alt})["']?\\s*[:=]\\s*["']?([^\\s"',;&}\\]]+)`, 'g'), group: 1 };
}
