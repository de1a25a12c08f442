/**
 * The one template grammar of runbooks and webhook targets:
 *
 *   template    := ( text | placeholder )*
 *   placeholder := "{{" space* path space* "}}"
 *   path        := name ( "." name )*          name := [A-Za-z_][A-Za-z0-9_-]*
 *
 * No expressions, filters or calls. `\{{` is a literal `{{` (for LogQL's `line_format "\{{.msg}}"`).
 * Any other `{{` that does not open a well-formed placeholder is an error.
 */
export type TemplatePart = { text: string } | { path: readonly string[]; offset: number };

export type ParsedTemplate = { ok: true; parts: readonly TemplatePart[] } | { ok: false; message: string; offset: number };

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_][A-Za-z0-9_-]*)*)\s*\}\}/y;

export function parseTemplate(s: string): ParsedTemplate {
  const parts: TemplatePart[] = [];
  let text = '';
  let i = 0;
  while (i < s.length) {
    if (s.startsWith('\\{{', i)) {
      text += '{{';
      i += 3;
      continue;
    }
    if (!s.startsWith('{{', i)) {
      text += s[i];
      i += 1;
      continue;
    }
    PLACEHOLDER.lastIndex = i;
    const m = PLACEHOLDER.exec(s);
    if (m === null || m[1] === undefined) {
      const close = s.indexOf('}}', i + 2);
      const reopen = s.indexOf('{{', i + 2);
      if (close < 0 || (reopen >= 0 && reopen < close)) return { ok: false, offset: i, message: 'a "{{" without its "}}"' };
      return {
        ok: false,
        offset: i,
        message: `"{{${s.slice(i + 2, close)}}}" is not a variable path (names joined by "."; write \\{{ for a literal "{{")`,
      };
    }
    if (text !== '') parts.push({ text });
    text = '';
    parts.push({ path: m[1].split('.'), offset: i });
    i += m[0].length;
  }
  if (text !== '') parts.push({ text });
  return { ok: true, parts };
}

export const hasPlaceholder = (s: string): boolean => /(^|[^\\])\{\{/.test(s);

/** A template that is exactly one placeholder: its path (the value keeps its type when substituted). */
export function soleVariable(parts: readonly TemplatePart[]): readonly string[] | null {
  const only = parts.length === 1 ? parts[0] : undefined;
  return only !== undefined && 'path' in only ? only.path : null;
}

export type Scalar = string | number | boolean;

/** Fills a parsed template; `lookup` answers undefined for a variable it does not know, which is an error. */
export function renderTemplate(parts: readonly TemplatePart[], lookup: (path: readonly string[]) => Scalar | undefined): { ok: true; text: string } | { ok: false; missing: string } {
  let out = '';
  for (const p of parts) {
    if ('text' in p) {
      out += p.text;
      continue;
    }
    const v = lookup(p.path);
    if (v === undefined) return { ok: false, missing: p.path.join('.') };
    out += String(v);
  }
  return { ok: true, text: out };
}
