/**
 * Expands files and directories into the files to import: directories are walked in name
 * order, dotfiles and dot-directories skipped, and symbolic links followed only when they
 * point inside the directory given (never out of the tree, never in a loop).
 */
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';

export interface WalkEntry {
  path: string;
  /** Why this argument yields no file (missing, not a file or directory). */
  error?: string;
}

const inside = (root: string, p: string): boolean => p === root || p.startsWith(root.endsWith(sep) ? root : root + sep);

async function walkDir(root: string, dir: string, seen: Set<string>, out: WalkEntry[]): Promise<void> {
  const names = (await readdir(dir)).filter((n) => !n.startsWith('.')).sort();
  for (const name of names) {
    const p = join(dir, name);
    const l = await lstat(p);
    let real = p;
    if (l.isSymbolicLink()) {
      try {
        real = await realpath(p);
      } catch {
        continue; // dangling link
      }
      if (!inside(root, real)) continue;
    }
    const s = l.isSymbolicLink() ? await stat(real) : l;
    if (s.isDirectory()) {
      const key = await realpath(real);
      if (seen.has(key)) continue;
      seen.add(key);
      await walkDir(root, p, seen, out);
    } else if (s.isFile()) out.push({ path: p });
  }
}

export async function expandPaths(args: readonly string[]): Promise<WalkEntry[]> {
  const out: WalkEntry[] = [];
  for (const arg of args) {
    let s;
    try {
      s = await stat(arg);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      out.push({ path: arg, error: code === 'ENOENT' ? 'no such file or directory' : `cannot read: ${(e as Error).message}` });
      continue;
    }
    if (s.isFile()) out.push({ path: arg });
    else if (s.isDirectory()) {
      const root = await realpath(arg);
      await walkDir(root, arg, new Set([root]), out);
    } else out.push({ path: arg, error: 'not a regular file or directory' });
  }
  return out;
}
