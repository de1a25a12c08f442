// Flat config: typescript-eslint's recommended rules, React hooks rules for the renderer,
// and the layer rules (also enforced by src/layers.test.ts, which reads every import).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto', 'worker_threads'];

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'bench-results/**', 'test-results/**', 'playwright-report/**', 'e2e-artifacts/**', 'dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
      'no-console': 'off',
    },
  },
  {
    // Plain Node scripts (and the page code the frame benchmark evaluates in Chromium).
    files: ['**/*.mjs'],
    languageOptions: {
      globals: Object.fromEntries(
        ['process', 'console', 'URL', 'performance', 'setTimeout', 'clearTimeout', 'Buffer', 'window', 'requestAnimationFrame', 'MessageChannel'].map(
          (g) => [g, 'readonly'],
        ),
      ),
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    ignores: ['src/shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...nodeBuiltins, 'electron', 'react', 'react-dom', '**/core/**', '**/main/**', '**/renderer/**', '**/preload/**'] }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['electron', '**/main/**', '**/renderer/**', '**/preload/**', '**/cli/**'] }] },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}', 'src/preload/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...nodeBuiltins, '**/core/**', '**/main/**', '**/cli/**'] }] },
  },
);
