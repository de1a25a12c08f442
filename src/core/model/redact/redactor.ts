/**
 * Reversible redaction: sensitive substrings become placeholders like ⟦EMAIL_1⟧ (the same value
 * always gets the same placeholder), the map stays on this machine, and `restore` puts the
 * originals back into the model's answer for display. Text that already looks like a placeholder
 * is itself replaced, so restore(redact(x)) === x for every x.
 */
import type { RedactionConfig } from './config';
import { EMAIL_PATTERN, IP_PATTERNS, SECRET_PATTERNS, userIdPattern, type RedactionPattern } from './patterns';

const PLACEHOLDER = /⟦([A-Z][A-Z0-9_]*)_(\d+)⟧/g;
const MARKER: RedactionPattern = { cls: 'marker', re: PLACEHOLDER };

export interface Redactor {
  redact(text: string): string;
  /** A value known to be sensitive from its key (a `user.id` fact): replaced whole. */
  redactValue(key: string, value: string): string;
  restore(text: string): string;
  /** How many distinct values were redacted, by class (placeholders of pasted text not counted). */
  counts(): Record<string, number>;
  /** The same, counting only the placeholders present in `text` (what was actually sent). */
  countsIn(text: string): Record<string, number>;
}

export function patternsFor(config: RedactionConfig): RedactionPattern[] {
  const out: RedactionPattern[] = [];
  if (config.secrets) out.push(...SECRET_PATTERNS);
  if (config.userIds) {
    const u = userIdPattern(config.userIdKeys);
    if (u) out.push(u);
  }
  if (config.emails) out.push(EMAIL_PATTERN);
  if (config.ips) out.push(...IP_PATTERNS);
  for (const c of config.custom) out.push({ cls: c.name, re: new RegExp(c.pattern, 'g') });
  return out;
}

export function createRedactor(config: RedactionConfig): Redactor {
  const patterns = patternsFor(config);
  const userKeys = new Set(config.userIds ? config.userIdKeys.map((k) => k.toLowerCase()) : []);
  const byValue = new Map<string, string>(); // `${cls}\u0000${value}` → placeholder
  const byPlaceholder = new Map<string, string>();
  const perClass = new Map<string, number>();

  const placeholderFor = (cls: string, value: string): string => {
    const key = `${cls}\u0000${value}`;
    const known = byValue.get(key);
    if (known) return known;
    const n = (perClass.get(cls) ?? 0) + 1;
    perClass.set(cls, n);
    const ph = `⟦${cls.toUpperCase()}_${n}⟧`;
    byValue.set(key, ph);
    byPlaceholder.set(ph, value);
    return ph;
  };

  /** Applies one pattern to the parts of `text` that are not already placeholders. */
  const applyOne = (text: string, p: RedactionPattern): string => {
    const parts = text.split(/(⟦[A-Z][A-Z0-9_]*_\d+⟧)/);
    return parts
      .map((part, i) => {
        if (i % 2 === 1 && byPlaceholder.has(part)) return part; // ours: leave it
        p.re.lastIndex = 0;
        return part.replace(p.re, (...args: unknown[]) => {
          const match = args[0] as string;
          const g = p.group ?? 0;
          if (g === 0) return match.length === 0 ? match : placeholderFor(p.cls, match);
          const value = args[g];
          if (typeof value !== 'string' || value.length === 0) return match;
          // The group is the sensitive tail of the match (values come last in every pattern).
          const at = match.lastIndexOf(value);
          return match.slice(0, at) + placeholderFor(p.cls, value) + match.slice(at + value.length);
        });
      })
      .join('');
  };

  return {
    redact(text) {
      let out = applyOne(text, MARKER);
      for (const p of patterns) out = applyOne(out, p);
      return out;
    },
    redactValue(key, value) {
      if (userKeys.has(key.toLowerCase()) && value.length > 0) return placeholderFor('user_id', value);
      return this.redact(value);
    },
    restore(text) {
      return text.replace(PLACEHOLDER, (ph) => byPlaceholder.get(ph) ?? ph);
    },
    counts() {
      const out: Record<string, number> = {};
      for (const [cls, n] of perClass) if (cls !== 'marker') out[cls] = n;
      return out;
    },
    countsIn(text) {
      const seen = new Set<string>();
      const out: Record<string, number> = {};
      for (const m of text.matchAll(PLACEHOLDER)) {
        const [ph, label] = m;
        if (seen.has(ph) || !byPlaceholder.has(ph) || label === undefined || label === 'MARKER') continue;
        seen.add(ph);
        const cls = label.toLowerCase();
        out[cls] = (out[cls] ?? 0) + 1;
      }
      return out;
    },
  };
}
