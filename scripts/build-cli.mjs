// Bundles the CLI (src/cli/main.ts) into out/cli/sitrep.mjs: one ESM file for Node 20 with the
// npm packages left external (they are resolved from node_modules at run time); and the
// worker-thread entries beside each host bundle (out/cli/workers, out/main/workers).
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Options every bundle shares: Node 20 ESM, packages external. */
const common = {
  platform: 'node',
  format: 'esm',
  target: 'node20',
  bundle: true,
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  // Bundled CommonJS code calls require(); give it one in this ES module.
  banner: { js: "import { createRequire as __sitrepCreateRequire } from 'node:module';\nconst require = __sitrepCreateRequire(import.meta.url);" },
};

await build({ ...common, entryPoints: [join(root, 'src/cli/main.ts')], outfile: join(root, 'out/cli/sitrep.mjs') });

// Worker-thread entries (src/core/workers/resolve.ts names them; a test checks the two lists agree).
const WORKERS = { 'store-writer': 'src/core/store/writer-worker.ts', 'model-worker': 'src/core/model/local/worker.ts' };
for (const outDir of ['out/cli/workers', 'out/main/workers']) {
  await build({
    ...common,
    entryPoints: Object.fromEntries(Object.entries(WORKERS).map(([name, src]) => [name, join(root, src)])),
    outdir: join(root, outDir),
    outExtension: { '.js': '.mjs' },
  });
}
process.stdout.write('built out/cli/sitrep.mjs and workers\n');
