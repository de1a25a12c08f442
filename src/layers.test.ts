/**
 * The layer rule, checked on every import of every source file:
 * - src/shared imports no Node built-in, DOM-only or Electron module and none of our other layers;
 * - src/core imports no Electron and nothing from main, preload, renderer or cli;
 * - src/renderer and src/preload import only src/shared from our code;
 * - electron is imported only in src/main and src/preload.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '..');
const src = join(root, 'src');
const layers = ['shared', 'core', 'main', 'preload', 'renderer', 'cli'] as const;
type Layer = (typeof layers)[number];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return walk(p);
    return /\.(ts|tsx|mts)$/.test(name) ? [p] : [];
  });
}

const IMPORT_RE = /(?:^|\n)\s*(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|(?:^|[^\w.])import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|[^\w.])require\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g;

export function importsOf(code: string): string[] {
  const out: string[] = [];
  for (const m of code.matchAll(IMPORT_RE)) {
    const spec = m[1] ?? m[2] ?? m[3] ?? m[4];
    if (spec) out.push(spec);
  }
  return out;
}

function layerOf(file: string): Layer | null {
  const top = relative(src, file).split(/[\\/]/)[0];
  return (layers as readonly string[]).includes(top ?? '') ? (top as Layer) : null;
}

const nodeBuiltins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/** Returns a reason when `spec` imported from `file` breaks the layer rule, else null. */
export function violation(file: string, spec: string): string | null {
  const from = layerOf(file);
  if (!from) return null;
  const isTest = /\.test\.tsx?$/.test(file);
  if (spec.startsWith('.')) {
    const target = layerOf(resolve(dirname(file), spec));
    if (!target || target === from) return null;
    const allowed: Record<Layer, Layer[]> = {
      shared: [],
      core: ['shared'],
      main: ['shared', 'core'],
      preload: ['shared'],
      renderer: ['shared'],
      cli: ['shared', 'core', 'main'],
    };
    return allowed[from].includes(target) ? null : `${from} may not import from src/${target}`;
  }
  if (spec === 'electron' || spec.startsWith('electron/')) {
    return from === 'main' || from === 'preload' ? null : `electron is imported only in src/main and src/preload`;
  }
  if (from === 'shared' && !isTest && (nodeBuiltins.has(spec) || spec === 'react' || spec === 'react-dom')) {
    return `src/shared must stay free of Node, DOM and React (${spec})`;
  }
  if ((from === 'renderer' || from === 'preload') && nodeBuiltins.has(spec)) {
    return `src/${from} may not import Node built-ins (${spec})`;
  }
  return null;
}

describe('layer rule', () => {
  it('finds the imports it has to check', () => {
    expect(importsOf(`import { a } from './x';\nimport type { B } from "../y";\nconst e = require('electron');\nimport './side';`)).toEqual([
      './x',
      '../y',
      'electron',
      './side',
    ]);
  });

  it('reports each kind of violation', () => {
    expect(violation(join(src, 'core/a.ts'), 'electron')).toMatch(/electron/);
    expect(violation(join(src, 'shared/a.ts'), 'node:fs')).toMatch(/shared/);
    expect(violation(join(src, 'renderer/a.tsx'), '../core/store/store')).toMatch(/renderer may not import/);
    expect(violation(join(src, 'preload/a.ts'), '../main/x')).toMatch(/preload may not import/);
    expect(violation(join(src, 'renderer/a.tsx'), 'fs')).toMatch(/built-ins/);
    expect(violation(join(src, 'core/a.ts'), '../main/serve/server')).toMatch(/core may not import/);
    expect(violation(join(src, 'main/a.ts'), 'electron')).toBeNull();
    expect(violation(join(src, 'renderer/a.tsx'), '../shared/contract')).toBeNull();
  });

  it('holds for every source file', () => {
    const problems: string[] = [];
    for (const file of walk(src)) {
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        const why = violation(file, spec);
        if (why) problems.push(`${relative(root, file)}: '${spec}': ${why}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
