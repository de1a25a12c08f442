/** Where the CLI keeps its database, and where the package's built files are. */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `$SITREP_HOME` (default `~/.sitrep`), created with mode 0700. */
export function sitrepHome(env: Readonly<Record<string, string | undefined>>): string {
  const home = env.SITREP_HOME && env.SITREP_HOME !== '' ? resolve(env.SITREP_HOME) : join(homedir(), '.sitrep');
  mkdirSync(home, { recursive: true, mode: 0o700 });
  return home;
}

/** The --db option, or the default `$SITREP_HOME/sitrep.db`. */
export function resolveDbPath(db: string | undefined, env: Readonly<Record<string, string | undefined>>): string {
  return db ? resolve(db) : join(sitrepHome(env), 'sitrep.db');
}

/** The folder holding sitrep's package.json, found upward from this file (works bundled and from source). */
export function packageRoot(from: string = dirname(fileURLToPath(import.meta.url))): string | null {
  let dir = from;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: unknown }).name === 'sitrep') return dir;
      } catch {
        // not ours; keep looking
      }
    }
    const up = dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

export function packageVersion(): string {
  const root = packageRoot();
  if (!root) return '0.0.0';
  const v = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: unknown }).version;
  return typeof v === 'string' ? v : '0.0.0';
}
