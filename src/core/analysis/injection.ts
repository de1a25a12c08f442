/**
 * Prompt-injection detector over LLM inputs and tool outputs: instruction override, role override,
 * system-prompt extraction, exfiltration URLs and hidden Unicode. Matches are reported with the
 * rule that fired; the prefilter, computed at ingest into `events.flags`, keeps the scan to rows that can match.
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

/** The cheap prefilter (also computed at ingest into `events.flags`, see src/core/store/flags.ts). */
export { isSuspect } from '../store/flags';
