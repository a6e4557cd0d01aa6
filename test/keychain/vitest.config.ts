import { defineConfig } from 'vitest/config';

// The keychain suites talk to a real gnome-keyring on a private D-Bus. They only make sense inside
// scripts/test-keychain.sh (npm run test:keychain), which sets that up; global-setup.ts refuses to run
// them anywhere else, so they can never touch a developer's own keyring.
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/keychain/**/*.test.ts'],
    globalSetup: ['test/keychain/global-setup.ts'],
    environment: 'node',
    // Real processes: keytar is a native module, and libsecret keeps one D-Bus connection per process.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
