/**
 * The view redactor: a deep walk over a channel's output (or a push payload) that returns a
 * copy in which nothing presentation mode hides survives. Strings are masked by the model
 * redactor's patterns (secrets, keys, tokens, emails, IPs, user ids); prompt and completion text,
 * message and tool bodies and prompt diffs are masked whole by field; the values of labels the
 * user marked sensitive are masked by key, and, once seen, wherever else they appear as words.
 * Masks come from one MaskBook per run, so they are stable across calls.
 */
import type { PresentationSettings } from '../../shared/contract-presentation';
import { DEFAULT_REDACTION, RedactionConfig } from '../model/redact/config';
import type { RedactionPattern } from '../model/redact/patterns';
import { patternsFor } from '../model/redact/redactor';
import { MASK_SPLIT_RE, type MaskBook } from './masks';
import { EXCERPT, isPromptKey, labelWord, PATTERN_LABEL, PROMPT, QUOTED_RE, USER, WHOLE_FIELDS } from './rules';

/** Values shorter than this are masked where they are a label's value, not as words in other text. */
export const MIN_LEARNED_LENGTH = 3;
const MAX_LEARNED = 20_000;
const MAX_MEMO = 50_000;

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Values of sensitive labels (and user ids) seen so far in this run, so they are also masked
 * in free text (a log line naming the tenant). Kept beside the MaskBook, in the core only.
 */
export class LearnedValues {
  private readonly seen = new Map<string, { word: string; key: string }>(); // value → its mask word and label key
  private cache: { key: string; re: RegExp | null } | null = null;
  version = 0;

  /** `key`: the label key (lower case) the value was seen under, or USER_KEY for user ids. */
  add(value: string, word: string, key: string): void {
    if (value.length < MIN_LEARNED_LENGTH || this.seen.has(value) || this.seen.size >= MAX_LEARNED) return;
    this.seen.set(value, { word, key });
    this.cache = null;
    this.version++;
  }

  wordOf(value: string): string | undefined {
    return this.seen.get(value)?.word;
  }

  /**
   * One alternation (longest first, matched as whole words) of the values seen under the keys
   * that are sensitive now (a label the user unmarked stops being masked in text); null when none.
   */
  pattern(active: ReadonlySet<string>): RegExp | null {
    const cacheKey = `${this.version}|${[...active].sort().join('\u0000')}`;
    if (this.cache?.key === cacheKey) return this.cache.re;
    const values = [...this.seen.entries()].filter(([, s]) => active.has(s.key)).map(([v]) => v);
    const alt = values
      .sort((a, b) => b.length - a.length)
      .map(escapeRe)
      .join('|');
    const re = values.length === 0 ? null : new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alt})(?![\\p{L}\\p{N}_])`, 'gu');
    this.cache = { key: cacheKey, re };
    return re;
  }
}

/** The key user ids are learned under (not a possible label key: it has a NUL). */
export const USER_KEY = '\u0000user';

export interface ViewRedactor {
  /** A masked deep copy of `value` (the input is not changed). */
  redact<T>(value: T): T;
  /** A deep copy with every mask this run issued turned back into its value (for inputs). */
  restore<T>(value: T): T;
}

type Json = Record<string, unknown>;

function isPlainObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Applies `fn` to the parts of `text` that are not masks already. */
function outsideMasks(text: string, fn: (part: string) => string): string {
  if (!text.includes('‹')) return fn(text);
  return text
    .split(MASK_SPLIT_RE)
    .map((part, i) => (i % 2 === 1 ? part : fn(part)))
    .join('');
}

export function createViewRedactor(settings: PresentationSettings, book: MaskBook, learned: LearnedValues): ViewRedactor {
  const c = settings.categories;
  const config = RedactionConfig.parse({ secrets: c.secrets, emails: c.emails, ips: c.ips, userIds: c.userIds, userIdKeys: DEFAULT_REDACTION.userIdKeys });
  const patterns: RedactionPattern[] = patternsFor(config);
  const sensitive = new Set(settings.sensitiveLabels.map((l) => l.toLowerCase()));
  const userKeys = new Set(c.userIds ? config.userIdKeys.map((k) => k.toLowerCase()) : []);
  const activeKeys = new Set([...sensitive, ...(c.userIds ? [USER_KEY] : [])]);
  const memo = new Map<string, string>();
  let memoVersion = learned.version;

  const applyPattern = (text: string, p: RedactionPattern): string =>
    outsideMasks(text, (part) =>
      part.replace(p.re, (...args: unknown[]) => {
        const match = args[0] as string;
        const word = PATTERN_LABEL[p.cls] ?? p.cls;
        const g = p.group ?? 0;
        if (g === 0) return match.length === 0 ? match : book.mask(word, match);
        const value = args[g];
        if (typeof value !== 'string' || value.length === 0) return match;
        // The group is the sensitive tail of the match (values come last in every pattern).
        const at = match.lastIndexOf(value);
        return match.slice(0, at) + book.mask(word, value) + match.slice(at + value.length);
      }),
    );

  /** Free text: quoted excerpts, then every pattern, then learned values. */
  const text = (raw: string): string => {
    if (learned.version !== memoVersion) {
      memo.clear();
      memoVersion = learned.version;
    }
    const hit = memo.get(raw);
    if (hit !== undefined) return hit;
    // Only masks issued here may look like masks: text that imitates one cannot hide a value from the patterns.
    let out = raw.includes('‹') || raw.includes('›') ? raw.replace(/‹/g, '<').replace(/›/g, '>') : raw;
    if (c.prompts && out.includes('“')) out = out.replace(QUOTED_RE, (_m, inner: string) => `“${book.mask(EXCERPT, inner)}”`);
    for (const p of patterns) out = applyPattern(out, p);
    const re = learned.pattern(activeKeys);
    if (re !== null) out = outsideMasks(out, (part) => part.replace(re, (m) => book.mask(learned.wordOf(m) ?? 'label', m)));
    if (sensitive.size > 0) {
      // An entity ref whose kind is a sensitive label: `tenant:acme` → `tenant:‹tenant·1›`.
      const ref = /^([a-z_]+):(.+)$/.exec(out);
      if (ref?.[1] !== undefined && ref[2] !== undefined && sensitive.has(ref[1]) && !ref[2].startsWith('‹')) out = `${ref[1]}:${book.mask(labelWord(ref[1]), ref[2])}`;
    }
    if (memo.size >= MAX_MEMO) memo.clear();
    memo.set(raw, out);
    return out;
  };

  /** A string under `key` of `parent`: masked whole by field rule, or as free text. */
  const str = (v: string, key: string | null, parent: Json | null): string => {
    if (v === '') return v;
    if (key !== null) {
      const k = key.toLowerCase();
      const whole = WHOLE_FIELDS[k];
      if (whole && (whole.category === null || c[whole.category])) return book.mask(whole.label, v);
      if (sensitive.has(k)) return book.mask(labelWord(key), v);
      if (userKeys.has(k)) return book.mask(USER, v);
      if (c.prompts) {
        if (k === 'diff' && parent?.kind === 'change' && parent.changeType === 'prompt') return book.mask(PROMPT, v);
        if (isPromptKey(k)) return book.mask(PROMPT, v);
      }
    }
    return text(v);
  };

  /** Pass 1: learn the values of sensitive labels and user ids, so pass 2 masks them in text too. */
  const learn = (v: unknown, depth: number): void => {
    if (depth > 64) return;
    if (Array.isArray(v)) {
      for (const x of v) if (typeof x === 'object' && x !== null) learn(x, depth + 1);
      return;
    }
    if (!isPlainObject(v)) return;
    for (const [key, val] of Object.entries(v)) {
      if (typeof val === 'string') {
        const k = key.toLowerCase();
        if (sensitive.has(k)) learned.add(val, labelWord(key), k);
        else if (userKeys.has(k)) learned.add(val, USER, USER_KEY);
      } else if (typeof val === 'object' && val !== null) learn(val, depth + 1);
    }
  };

  const walk = (v: unknown, key: string | null, parent: Json | null, depth: number): unknown => {
    if (typeof v === 'string') return str(v, key, parent);
    if (typeof v !== 'object' || v === null) return v;
    // Deeper than any contract value: masked whole rather than walked without end.
    if (depth > 64) return '‹nested›';
    if (Array.isArray(v)) return v.map((x) => walk(x, key, parent, depth + 1));
    const out: Json = {};
    for (const [k, val] of Object.entries(v as Json)) out[k] = walk(val, k, v as Json, depth + 1);
    return out;
  };

  const unmask = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string') return book.restore(v);
    if (typeof v !== 'object' || v === null || depth > 64) return v;
    if (Array.isArray(v)) return v.map((x) => unmask(x, depth + 1));
    const out: Json = {};
    for (const [k, val] of Object.entries(v as Json)) out[k] = unmask(val, depth + 1);
    return out;
  };

  return {
    redact<T>(value: T): T {
      if (sensitive.size > 0 || userKeys.size > 0) learn(value, 0);
      return walk(value, null, null, 0) as T;
    },
    restore<T>(value: T): T {
      return unmask(value, 0) as T;
    },
  };
}
