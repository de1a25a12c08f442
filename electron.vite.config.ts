/**
 * electron-vite 6: main (ESM, Node target), a sandboxed preload (one self-contained CommonJS
 * file, out/preload/index.cjs) and the React renderer. Native modules stay external so
 * electron-builder can unpack and rebuild them for Electron's ABI.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const at = (p: string) => resolve(root, p);

/** Native or heavyweight modules loaded from node_modules at run time, never bundled. */
const nativeModules = ['better-sqlite3', 'node-llama-cpp', /^@node-llama-cpp\//];

export default defineConfig({
  main: {
    build: {
      outDir: at('out/main'),
      externalizeDeps: true,
      rolldownOptions: {
        input: { index: at('src/main/electron/index.ts') },
        external: nativeModules,
      },
    },
  },
  preload: {
    build: {
      outDir: at('out/preload'),
      // A sandboxed preload cannot require from node_modules: bundle everything except electron.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: at('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: at('src/renderer'),
    plugins: [react()],
    build: {
      outDir: at('out/renderer'),
      // The browser host serves this bundle over HTTP too; minified, it parses faster at 3 AM.
      minify: true,
      rolldownOptions: {
        input: { index: at('src/renderer/index.html') },
      },
    },
  },
});
