/** Where the CLI keeps its database, and where the package's built files are. */
import { mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { packageRoot } from '../core/package-root';

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


export function packageVersion(): string {
  const root = packageRoot();
  if (!root) return '0.0.0';
  const v = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: unknown }).version;
  return typeof v === 'string' ? v : '0.0.0';
}

export { packageRoot };
