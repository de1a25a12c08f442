import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    exclude: ['e2e/**', 'node_modules/**', 'out/**'],
    environment: 'node',
    setupFiles: ['src/fast-check-setup.ts'],
    testTimeout: 30_000,
    pool: 'forks',
  },
});
