#!/usr/bin/env node
// npm start: build when out/ is missing or older than the sources, then run the desktop app;
// where the Electron runtime is not installed (it cannot be downloaded on every machine),
// run the same core and renderer in the browser host instead.
import { spawn, spawnSync } from 'node:child_process';
import console from 'node:console';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electron-runtime.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = ['src', 'electron.vite.config.ts', 'package.json', 'scripts/build-cli.mjs'];
const REQUIRED_OUTPUTS = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'];

/** Newest (or oldest) modification time of the files under `p`, ignoring tests. */
function mtimes(p, pick, start) {
  if (!existsSync(p)) return start;
  const st = statSync(p);
  if (!st.isDirectory()) return /\.test\.tsx?$/.test(p) ? start : pick(start, st.mtimeMs);
  let acc = start;
  for (const name of readdirSync(p)) acc = mtimes(join(p, name), pick, acc);
  return acc;
}

function needsBuild() {
  if (REQUIRED_OUTPUTS.some((f) => !existsSync(join(root, f)))) return 'out/ is missing';
  const newestSource = SOURCES.reduce((acc, s) => mtimes(join(root, s), Math.max, acc), 0);
  const oldestOutput = mtimes(join(root, 'out'), Math.min, Infinity);
  return newestSource > oldestOutput ? 'sources changed since the last build' : null;
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`sitrep: \`${[cmd, ...args].join(' ')}\` failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
}

function exec(cmd, args, env = process.env) {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const why = needsBuild();
if (why) {
  console.log(`sitrep: building (${why})…`);
  run(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build']);
  if (existsSync(join(root, 'scripts', 'build-cli.mjs'))) run(process.execPath, [join(root, 'scripts', 'build-cli.mjs')]);
}

const electron = findElectronBinary();
if ('path' in electron) {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  exec(electron.path, [root, ...process.argv.slice(2)], env);
} else {
  console.log(`Electron runtime not installed (${electron.missing}); starting the browser host instead`);
  exec(process.execPath, [join(root, 'bin', 'sitrep.mjs'), 'serve', '--open', ...process.argv.slice(2)]);
}
