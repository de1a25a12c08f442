/**
 * Maps a request path onto a file of the built renderer, for both hosts: percent-decoding,
 * traversal protection (resolve + prefix check), index.html for directories and the SPA
 * fallback (an extension-less path that is not a file answers index.html).
 */
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { contentTypeOf } from './content-type';

export type StaticPick =
  | { kind: 'file'; path: string; contentType: string; isIndex: boolean }
  | { kind: 'forbidden' }
  | { kind: 'not_found' };

/** The absolute file for `pathname` inside `root`, or null when it would leave `root` or is malformed. */
export function resolveInside(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const base = resolve(root);
  const target = resolve(base, `.${sep}${decoded}`);
  const rel = relative(base, target);
  if (rel === '') return target;
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return null;
  return target.startsWith(base + sep) ? target : null;
}

export function pickStaticFile(root: string, pathname: string, isFile: (p: string) => boolean): StaticPick {
  const target = resolveInside(root, pathname);
  if (target === null) return { kind: 'forbidden' };
  const index = join(resolve(root), 'index.html');
  const asIndex = (): StaticPick =>
    isFile(index) ? { kind: 'file', path: index, contentType: contentTypeOf(index), isIndex: true } : { kind: 'not_found' };

  if (pathname.endsWith('/')) return asIndex();
  if (isFile(target)) return { kind: 'file', path: target, contentType: contentTypeOf(target), isIndex: target === index };
  const last = pathname.slice(pathname.lastIndexOf('/') + 1);
  // Client-side routes have no extension; a missing asset (has one) stays a 404.
  return last.includes('.') ? { kind: 'not_found' } : asIndex();
}
