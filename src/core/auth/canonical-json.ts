/**
 * Canonical JSON: object keys sorted (by UTF-16 code units), no whitespace, only JSON values.
 * Two equal values always give the same text, so hashes and signatures over it are stable.
 * Anything that is not plain JSON (undefined, NaN, Infinity, functions, class instances, cycles)
 * is refused rather than silently dropped.
 */
export class CanonicalJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CanonicalJsonError';
  }
}

export function canonicalJson(value: unknown): string {
  return encode(value, new Set(), '$');
}

function encode(value: unknown, seen: Set<object>, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(`${path}: ${value} is not a JSON number`);
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new CanonicalJsonError(`${path}: a ${typeof value} is not a JSON value`);
  }
  if (seen.has(value)) throw new CanonicalJsonError(`${path}: cycle`);
  seen.add(value);
  try {
    if (Array.isArray(value)) return `[${value.map((v, i) => encode(v, seen, `${path}[${i}]`)).join(',')}]`;
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) throw new CanonicalJsonError(`${path}: only plain objects are JSON`);
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${encode(record[k], seen, `${path}.${k}`)}`).join(',')}}`;
  } finally {
    seen.delete(value);
  }
}
