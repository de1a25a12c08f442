/**
 * Running a catalogue Check against the live state: its read-only GET (secrets filled at send
 * time), then its expectation on the JSON answer at an RFC 6901 pointer.
 */
import type { Check, Expectation } from '../actions/catalogue';
import { canonicalJson } from '../auth/canonical-json';
import { fillSecrets, SecretError, type SecretSource } from './secrets';
import { sendFilled, type SendOptions } from './send';

export interface CheckResult {
  description: string;
  ok: boolean;
  /** What was seen (or why nothing could be seen), secrets scrubbed. */
  observed: string;
}

const MISSING = Symbol('missing');

/** The value at an RFC 6901 JSON pointer, or MISSING. */
export function atPointer(doc: unknown, pointer: string): unknown {
  if (pointer === '') return doc;
  if (!pointer.startsWith('/')) return MISSING;
  let v: unknown = doc;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(v)) {
      if (!/^(0|[1-9]\d*)$/.test(key)) return MISSING;
      const i = Number(key);
      if (i >= v.length) return MISSING;
      v = v[i];
    } else if (v !== null && typeof v === 'object') {
      if (!Object.hasOwn(v, key)) return MISSING;
      v = (v as Record<string, unknown>)[key];
    } else return MISSING;
  }
  return v;
}

const same = (a: unknown, b: unknown): boolean => {
  try {
    return canonicalJson(a) === canonicalJson(b);
  } catch {
    return false;
  }
};

export function expectationHolds(doc: unknown, e: Expectation): { ok: boolean; seen: string } {
  const v = atPointer(doc, e.pointer);
  const seen = v === MISSING ? `${e.pointer} is absent` : `${e.pointer} = ${JSON.stringify(v)?.slice(0, 200) ?? 'undefined'}`;
  switch (e.op) {
    case 'present':
      return { ok: v !== MISSING && v !== null, seen };
    case 'absent':
      return { ok: v === MISSING || v === null, seen };
    case 'eq':
      return { ok: v !== MISSING && same(v, e.value), seen };
    case 'ne':
      return { ok: v === MISSING || !same(v, e.value), seen };
    case 'gte':
      return { ok: typeof v === 'number' && typeof e.value === 'number' && v >= e.value, seen };
    case 'lte':
      return { ok: typeof v === 'number' && typeof e.value === 'number' && v <= e.value, seen };
    default: {
      const never: never = e.op;
      return { ok: false, seen: `unknown op ${String(never)}` };
    }
  }
}

/** Reads and evaluates one check. A check without a read cannot be evaluated and fails. */
export async function runCheck(c: Check, secrets: SecretSource, o: SendOptions): Promise<CheckResult> {
  if (c.read === null) return { description: c.description, ok: false, observed: 'nothing to read: this check needs a person' };
  let filled;
  try {
    filled = fillSecrets(c.read, secrets);
  } catch (err) {
    if (err instanceof SecretError) return { description: c.description, ok: false, observed: err.message };
    throw err;
  }
  const res = await sendFilled(filled, o);
  if (!res.ok) return { description: c.description, ok: false, observed: res.message };
  if (c.expect === null) return { description: c.description, ok: true, observed: `read answered ${res.status}` };
  let doc: unknown;
  try {
    doc = JSON.parse(res.text);
  } catch {
    return { description: c.description, ok: false, observed: 'the answer is not JSON' };
  }
  const h = expectationHolds(doc, c.expect);
  return { description: c.description, ok: h.ok, observed: h.seen };
}
