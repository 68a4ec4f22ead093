import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    globals: false,
    pool: 'forks',
    testTimeout: 30_000,
    env: { DOSSIER_NO_AUTOBUILD: '1' },
    hookTimeout: 60_000,
  },
});
