/**
 * Per-event flags computed once at ingest (column `events.flags`, a bit set), so analyses do not
 * re-read every body to find the few that matter. Bit 1: the prompt-injection prefilter matched
 * a text-bearing LLM call (a call with an input or output preview) or agent action (one with
 * attributes, where tool outputs land, or an error text).
 *
 * The prefilter is a cheap superset of the detector's rules (src/core/analysis/injection.ts): a
 * body that fails it cannot match any rule in any of its fields. Changing it means adding a
 * migration that recomputes the column (see migrations.ts, version 5).
 */

export const FLAG_INJECTION_SUSPECT = 1;

/**
 * Matched on the lower-cased text (measured ~1 µs per 600-byte event; the same pattern with the
 * i+u flags took ~12 µs).
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

/** The prefilter over a whole stored event (its JSON text). */
export function isSuspect(body: unknown): boolean {
  return typeof body === 'string' && (SUSPECT_LOWER.test(body.toLowerCase()) || HIDDEN.test(body));
}

/** Whether an event of this lane carries text an injection could hide in (ASCII case-insensitive, like SQL LIKE). */
function textBearing(lane: string, lower: string): boolean {
  if (lane === 'llm') return lower.includes('preview"');
  if (lane === 'agent') return lower.includes('"attrs"') || lower.includes('"error"');
  return false;
}

/** The flags of a stored event, from its lane and body; null for lanes that carry none. */
export function flagsOf(lane: string, body: string): number | null {
  if (lane !== 'llm' && lane !== 'agent') return null;
  const lower = body.toLowerCase();
  if (!textBearing(lane, lower)) return 0;
  return SUSPECT_LOWER.test(lower) || HIDDEN.test(body) ? FLAG_INJECTION_SUSPECT : 0;
}
