import type Database from 'better-sqlite3';

/**
 * Prompt-injection detector over LLM inputs and tool outputs: instruction override, role override,
 * system-prompt extraction, exfiltration URLs and hidden Unicode. Matches are reported with the
 * rule that fired; the SQL prefilter keeps the scan to rows that can match.
 */

export interface InjectionHit {
  rule: string;
  excerpt: string;
}

const RULES: readonly [string, RegExp][] = [
  ['instruction-override', /\b(?:ignore|disregard|forget|override)\b[^.\n]{0,40}\b(?:previous|prior|above|earlier|all|your|the)\b[^.\n]{0,20}\b(?:instructions?|prompts?|rules|directions|guidelines)\b/i],
  ['role-override', /\byou are now\b|\bact as (?:an? )?(?:unrestricted|jailbroken|dan\b)|\bdeveloper mode\b|\bdo anything now\b|\bnew (?:system )?instructions?\s*:|<\s*\/?\s*system\s*>|\[\s*system\s*\]|\bjailbreak/i],
  ['prompt-extraction', /\b(?:reveal|print|show|repeat|output|leak)\b[^.\n]{0,30}\b(?:system prompt|hidden (?:prompt|instructions)|your (?:instructions|prompt))\b/i],
  ['exfiltration-url', /!\[[^\]]{0,80}\]\(\s*https?:\/\/[^)\s]+[?&][^)\s]*=|https?:\/\/[^\s"'<>]+[?&](?:q|data|d|secret|token|key|payload|exfil|c)=[^\s"'<>]{8,}|\b(?:send|post|upload|forward|exfiltrate)\b[^.\n]{0,60}\bhttps?:\/\//i],
  ['credential-request', /\b(?:send|give|paste|share)\b[^.\n]{0,30}\b(?:api[ _-]?key|password|credentials?|secret|token)s?\b[^.\n]{0,30}\b(?:to|at|via)\b/i],
  // Zero-width and bidirectional controls, and the Unicode tag block used to hide instructions.
  ['hidden-unicode', /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]|[\u{E0000}-\u{E007F}]/u],
];

export function scanForInjection(text: string): InjectionHit | null {
  const t = text.length > 20_000 ? text.slice(0, 20_000) : text;
  for (const [rule, re] of RULES) {
    const m = re.exec(t);
    if (m !== null) {
      const start = Math.max(0, m.index - 40);
      return { rule, excerpt: t.slice(start, m.index + m[0].length + 40).replace(/[\u200B-\u200F\u2060-\u2064\uFEFF]|[\u{E0000}-\u{E007F}]/gu, '⟨hidden⟩') };
    }
  }
  return null;
}

/**
 * Cheap superset of the rules above, for the whole stored event (JSON text), matched on the
 * lower-cased text (measured ~1 µs per 600-byte event; the same pattern with the i+u flags took
 * ~12 µs): a body that fails it cannot match any rule in any of its fields.
 */
const SUSPECT_LOWER = new RegExp(
  [
    '\\b(?:ignore|disregard|forget|override)\\b',
    'you are now|\\bact as\\b|developer mode|anything now|instructions?\\s*:|<\\s*\\/?\\s*system|\\[\\s*system|jailbreak',
    'system prompt|hidden (?:prompt|instructions)|your (?:instructions|prompt)',
    '\\]\\(\\s*https?:|https?:\\/\\/[^\\s"\'<>]+[?&](?:q|data|d|secret|token|key|payload|exfil|c)=',
    '\\b(?:send|post|upload|forward|exfiltrate)\\b[^.\\n]{0,60}https?:\\/\\/',
    '\\b(?:send|give|paste|share)\\b[^.\\n]{0,30}\\b(?:api[ _-]?key|password|credentials?|secret|token)',
  ].join('|'),
);
const HIDDEN = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]|[\u{E0000}-\u{E007F}]/u;

export function isSuspect(body: unknown): boolean {
  return typeof body === 'string' && (SUSPECT_LOWER.test(body.toLowerCase()) || HIDDEN.test(body));
}

/** Name of the SQL function (registered per connection) that applies `isSuspect` to a body. */
export const SUSPECT_FN = 'sitrep_injection_suspect';

const registered = new WeakSet<Database.Database>();
/** Registers the prefilter function on a connection (idempotent). */
export function registerSuspectFn(db: Database.Database): void {
  if (registered.has(db)) return;
  db.function(SUSPECT_FN, { deterministic: true }, (body: unknown) => (isSuspect(body) ? 1 : 0));
  registered.add(db);
}
