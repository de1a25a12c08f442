#!/usr/bin/env node
// The `sitrep` command: runs the bundled CLI, or says how to build it.
import { existsSync } from 'node:fs';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';

const cli = new URL('../out/cli/sitrep.mjs', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write('sitrep: the CLI is not built yet; run `npm run build` (or `npm run build:cli`) first.\n');
  process.exit(1);
}
await import(cli.href);
