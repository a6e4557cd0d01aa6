import { defineConfig } from 'vitest/config';

// Unit and integration suites that run in plain Node: main-process code, the emulator, the preload contract
// and the renderer's pure logic. Keychain, packaging and browser suites have their own configs/runners.
export default defineConfig({
  test: {
    include: ['test/{main,emulator,preload,renderer,shared,scripts,docs,cli}/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['test/support/fast-check.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
