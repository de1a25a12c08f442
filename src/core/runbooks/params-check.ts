/**
 * Checking a step's params against a schema where strings may be templates: placeholders are
 * checked against the known variables, and a templated string passes the schema's string format
 * and length checks (its value is only known at run time, and the request is re-validated then).
 * Templates stand only for strings: not for numbers, booleans or one of a fixed set of values.
 */
import type { z } from 'zod';
import { hasPlaceholder, parseTemplate } from '../actions/catalogue/template';
import { checkVariable } from './variables';

export interface Issue {
  path: readonly (string | number)[];
  message: string;
}

const valueAt = (root: unknown, path: readonly PropertyKey[]): unknown => {
  let v = root;
  for (const k of path) {
    if (v === null || typeof v !== 'object' || typeof k === 'symbol') return undefined;
    v = (v as Record<string | number, unknown>)[k];
  }
  return v;
};

/** Every string leaf with its path. */
function strings(v: unknown, path: (string | number)[], out: { path: (string | number)[]; value: string }[]): void {
  if (typeof v === 'string') out.push({ path, value: v });
  else if (Array.isArray(v)) v.forEach((x, i) => strings(x, [...path, i], out));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) strings(x, [...path, k], out);
}

export function checkTemplates(params: unknown, earlier: ReadonlySet<string>, later: ReadonlySet<string>): Issue[] {
  const leaves: { path: (string | number)[]; value: string }[] = [];
  strings(params, [], leaves);
  const out: Issue[] = [];
  for (const { path, value } of leaves) {
    const t = parseTemplate(value);
    if (!t.ok) {
      out.push({ path, message: `template: ${t.message} (at character ${t.offset + 1})` });
      continue;
    }
    for (const part of t.parts) {
      if (!('path' in part)) continue;
      const bad = checkVariable(part.path, earlier, later);
      if (bad !== null) out.push({ path, message: `template: ${bad}` });
    }
  }
  return out;
}

const STRING_FORMAT_CODES = new Set(['invalid_format', 'too_small', 'too_big']);

/** Schema issues of `params`; with `templates`, templated strings pass string format and length checks. */
export function checkAgainstSchema(schema: z.ZodType, params: unknown, templates = true): Issue[] {
  const r = schema.safeParse(params);
  if (r.success) return [];
  const out: Issue[] = [];
  for (const i of r.error.issues) {
    const path = i.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (i.code === 'unrecognized_keys') {
      for (const k of i.keys) out.push({ path: [...path, k], message: 'unknown parameter' });
      continue;
    }
    const v = valueAt(params, i.path);
    const templated = templates && typeof v === 'string' && hasPlaceholder(v);
    if (templated && STRING_FORMAT_CODES.has(i.code) && (i.code === 'invalid_format' || ('origin' in i && i.origin === 'string'))) continue;
    if (templated && i.code === 'invalid_type') {
      out.push({ path, message: `expected ${i.expected}: templates only fill strings` });
      continue;
    }
    if (templated && i.code === 'invalid_value') {
      out.push({ path, message: `${i.message}: a template cannot stand for one of a fixed set of values` });
      continue;
    }
    out.push({ path, message: i.message });
  }
  return out;
}
