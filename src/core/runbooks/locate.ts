/** From a path into a parsed YAML document to the line and column where it is written. */
import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

export interface Position {
  line: number;
  column: number;
}

/**
 * The position of the deepest node on `path` that exists: a field's key when the field is there,
 * its parent mapping when it is missing (so "missing requires_approval" points at the step).
 */
export function locate(doc: Document, lines: LineCounter, path: readonly (string | number)[]): Position {
  let node: unknown = doc.contents;
  let at: number | undefined = rangeStart(node);
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (pair === undefined) break;
      at = rangeStart(pair.key) ?? at;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item: unknown = node.items[seg];
      if (item === undefined) break;
      at = rangeStart(item) ?? at;
      node = item;
    } else break;
  }
  const pos = lines.linePos(at ?? 0);
  return { line: pos.line, column: pos.col };
}

function rangeStart(n: unknown): number | undefined {
  return n !== null && typeof n === 'object' && 'range' in n ? (n as Node).range?.[0] : undefined;
}

/** `steps[2].params.replicas` */
export function fieldName(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
