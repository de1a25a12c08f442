/**
 * Nesting depth of JSON text, measured without parsing it: counts `[` and `{` outside strings.
 * Run before JSON.parse so that a hostile document cannot make the parser (or later recursive
 * code) walk an arbitrarily deep structure.
 */
export type DepthCheck = { ok: true; depth: number } | { ok: false; depth: number; offset: number };

export function checkJsonDepth(text: string, maxDepth: number): DepthCheck {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      depth++;
      if (depth > max) max = depth;
      if (depth > maxDepth) return { ok: false, depth, offset: i };
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) depth--;
  }
  return { ok: true, depth: max };
}
