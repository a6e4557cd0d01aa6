import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// `npm run test:packaging`: the installer configuration, a real electron-builder run on the real build output, the
// Electronegativity scan and the release workflow's schema check. Slow by nature (it builds the app and packages
// it), so it has its own config; files run one after the other to keep the 2-core machines responsive.
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/packaging/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 240_000,
  },
});
