/**
 * YAML recognition (Kubernetes, Argo CD): multi-document, the core schema with no custom tags,
 * at most `maxAliases` alias expansions per document, nesting checked on the syntax tree before
 * conversion. Returns null when the text is not YAML collections (e.g. exposition text, which
 * YAML reads as one plain scalar), an ImportError when it is YAML but invalid or too deep.
 */
import { isAlias, isCollection, isPair, parseAllDocuments, type Document } from 'yaml';
import { checkJsonDepth } from '../depth';
import { ImportError, type ParsedInput } from '../formats/types';

function treeDepth(root: unknown, max: number): boolean {
  const stack: { node: unknown; depth: number }[] = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() ?? { node: null, depth: 0 };
    if (isCollection(node)) {
      if (depth + 1 > max) return false;
      for (const item of node.items) stack.push({ node: item, depth: depth + 1 });
    } else if (isPair(node)) {
      stack.push({ node: node.key, depth }, { node: node.value, depth });
    }
  }
  return true;
}

function hasCollection(doc: Document.Parsed): boolean {
  return isCollection(doc.contents) || isAlias(doc.contents);
}

/** A document marker or a `key:` mapping line among the first lines: reported as YAML errors, not as text. */
const LOOKS_YAML = /^(?:[ \t]*(?:#[^\n]*)?\r?\n)*(?:---|[A-Za-z_][\w.-]*:(?:[ \t]|\r?\n))/;

export function tryYaml(text: string, maxDepth: number, maxAliases: number): { input: ParsedInput } | { error: ImportError } | null {
  // Flow collections ([…], {…}) nest recursively in the parser: bound them before parsing.
  const flow = checkJsonDepth(text, maxDepth * 2);
  if (!flow.ok) return null;
  let docs: Document.Parsed[];
  try {
    const parsed = parseAllDocuments(text, { schema: 'core', customTags: [], uniqueKeys: true, prettyErrors: true });
    docs = Array.isArray(parsed) ? parsed : [];
  } catch {
    return null;
  }
  const real = docs.filter((d) => d.contents !== null);
  if (real.length === 0 || !real.every(hasCollection)) return null;
  const out: unknown[] = [];
  for (let i = 0; i < docs.length; i++) {
    const d = docs[i];
    if (!d || d.contents === null) continue;
    const err = d.errors[0];
    if (err && !LOOKS_YAML.test(text)) return null;
    if (err) {
      const line = err.linePos?.[0].line;
      return { error: new ImportError(`invalid YAML in document ${i + 1}: ${err.message.split('\n')[0] ?? ''}`, { line, offset: err.pos[0] }) };
    }
    const tag = d.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
    if (tag) return { error: new ImportError(`YAML document ${i + 1}: custom tags are not accepted (${tag.message.split('\n')[0] ?? ''})`, { offset: tag.pos[0] }) };
    if (!treeDepth(d.contents, maxDepth)) return { error: new ImportError(`YAML document ${i + 1} is nested deeper than ${maxDepth} levels`) };
    try {
      out.push(d.toJS({ maxAliasCount: maxAliases }));
    } catch (e) {
      return { error: new ImportError(`YAML document ${i + 1}: ${(e as Error).message.split('\n')[0] ?? ''}`) };
    }
  }
  return { input: { kind: 'yaml', docs: out } };
}
