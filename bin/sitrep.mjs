#!/usr/bin/env node
// The `sitrep` command: runs the bundled CLI, or says how to build it.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';

const cli = new URL('../out/cli/sitrep.mjs', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write('sitrep: the CLI is not built yet; run `npm run build` (or `npm run build:cli`) first.\n');
  process.exit(1);
}

// `serve` hosts the telemetry receiver, whose decoding allocates many short-lived objects: a
// larger young generation cuts garbage collection on that thread (measured: OTLP ingest about
// 10-20 % faster, see the README's benchmarks). V8 takes the size only at start, so `serve`
// runs in a child node started with it; signals are passed on and its exit code returned.
const SEMI_SPACE = '--max-semi-space-size=32';
if (process.argv[2] === 'serve' && !process.execArgv.includes(SEMI_SPACE) && process.env.SITREP_NO_REEXEC !== '1') {
  const child = spawn(process.execPath, [...process.execArgv, SEMI_SPACE, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, SITREP_NO_REEXEC: '1' },
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 + 15 : 1)));
} else {
  await import(cli.href);
}
