import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    globals: false,
    pool: 'forks',
    // One file at a time: the browser tests rely on input timing (a file chooser needs the keypress's user
    // activation, which expires), and on a 2-core machine the crash and load tests starve a parallel browser.
    fileParallelism: false,
    testTimeout: 30_000,
    env: { DOSSIER_NO_AUTOBUILD: '1' },
    hookTimeout: 60_000,
  },
});
