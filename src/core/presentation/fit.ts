/**
 * Makes a redacted value valid against the schema the original passed: a mask can make a
 * string longer than its field allows (truncated, never revealing more), or replace a value of
 * an enum or a union's discriminator (a schema constant, so the original is put back: constants
 * are not data). Anything else that still fails is reported, and the caller sends an error.
 */
import type { z } from 'zod';

type Path = ReadonlyArray<PropertyKey>;

function getAt(root: unknown, path: Path): unknown {
  let cur: unknown = root;
  for (const k of path) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[k];
  }
  return cur;
}

function setAt(root: unknown, path: Path, value: unknown): boolean {
  if (path.length === 0) return false;
  const parent = getAt(root, path.slice(0, -1));
  if (typeof parent !== 'object' || parent === null) return false;
  (parent as Record<PropertyKey, unknown>)[path[path.length - 1] as PropertyKey] = value;
  return true;
}

const DISCRIMINATORS = ['kind', 'type'];

/** One repair per issue; true when something changed. */
function repair(issue: z.core.$ZodIssue, shown: unknown, original: unknown): boolean {
  const path = issue.path;
  const now = getAt(shown, path);
  if (issue.code === 'too_big' && typeof now === 'string' && typeof issue.maximum === 'number') {
    const max = Number(issue.maximum);
    return setAt(shown, path, max <= 1 ? '' : `${now.slice(0, max - 1)}…`);
  }
  if (issue.code === 'invalid_value') {
    const before = getAt(original, path);
    return typeof before === 'string' && before !== now && setAt(shown, path, before);
  }
  if (issue.code === 'invalid_union') {
    let changed = false;
    for (const d of DISCRIMINATORS) {
      const before = getAt(original, [...path, d]);
      if (typeof before === 'string' && getAt(shown, [...path, d]) !== before) changed = setAt(shown, [...path, d], before) || changed;
    }
    return changed;
  }
  return false;
}

export type Fitted = { ok: true; value: unknown } | { ok: false; issues: z.core.$ZodIssue[] };

/** `shown` is a fresh copy (it may be repaired in place); `original` is the value that passed `schema`. */
export function fitToSchema(schema: z.ZodType, shown: unknown, original: unknown): Fitted {
  for (let round = 0; round < 3; round++) {
    const r = schema.safeParse(shown);
    if (r.success) return { ok: true, value: r.data };
    let changed = false;
    for (const issue of r.error.issues.slice(0, 1000)) changed = repair(issue, shown, original) || changed;
    if (!changed) return { ok: false, issues: r.error.issues.slice(0, 5) };
  }
  const last = schema.safeParse(shown);
  return last.success ? { ok: true, value: last.data } : { ok: false, issues: last.error.issues.slice(0, 5) };
}
