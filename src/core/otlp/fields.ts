/** Field access on OTLP/JSON objects: lowerCamelCase as the spec says, snake_case tolerated. */
const snakeCache = new Map<string, string>();

function snake(camel: string): string {
  let s = snakeCache.get(camel);
  if (s === undefined) {
    s = camel.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase());
    snakeCache.set(camel, s);
  }
  return s;
}

export function field(o: Record<string, unknown>, camel: string): unknown {
  const v = o[camel];
  if (v !== undefined) return v;
  return o[snake(camel)];
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An array field, or [] when absent or of the wrong type. */
export function list(o: Record<string, unknown>, camel: string): unknown[] {
  const v = field(o, camel);
  return Array.isArray(v) ? v : [];
}

/** An object field, or an empty object. */
export function obj(o: Record<string, unknown>, camel: string): Record<string, unknown> {
  const v = field(o, camel);
  return isRecord(v) ? v : {};
}

export function str(o: Record<string, unknown>, camel: string): string | undefined {
  const v = field(o, camel);
  return typeof v === 'string' ? v : undefined;
}
