import { defineConfig } from 'vitest/config';

// Suites that start a real Ory Kratos (scripts/build-kratos.sh builds it; scripts/test-kratos.sh runs these
// after the build and says so when Go is missing). Kratos processes are heavy: one file at a time.
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/kratos/**/*.test.ts', 'test/parity/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
