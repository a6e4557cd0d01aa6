// Browser suites, all on Debian's Chromium (/usr/bin/chromium; Playwright never downloads a browser):
//   e2e       test/e2e/**        the real renderer + preload in Chromium, IPC answered by the real main handlers
//   e2e-kratos                   the same scenarios against a real Kratos v26.2.0 (npm run test:kratos)
//   e2e-kratos-v1                the everyday journeys among them against a real Kratos v1.3.1
//   fixtures  test/e2e/fixtures.spec.ts  every Kratos flow in test/fixtures/flows/ rendered by the real renderer
//   electron  test/electron/**   Playwright `_electron` smoke test (skips where no Electron binary exists)
// Artifacts (screenshots, traces of failures) go to test-results/.
import { defineConfig } from '@playwright/test';

const chromium = '/usr/bin/chromium';
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The scenarios that also run on Kratos v1.3.1: sign-up, password, code and social sign-in, TOTP, recovery. */
const KRATOS_V1_SCENARIOS = new RegExp(
  [
    'register, restart signed in',
    'sign-up in two steps',
    'passwordless sign-in with an email code',
    'enable TOTP, sign out, sign in with the password',
    'forgot password: the code from the mail',
    'a new person signs up through the provider',
    'a returning person signs in with the address used before',
  ].join('|'),
);

/** A project on a real Kratos release (test/e2e/support/test-server.ts reads `metadata`). */
const onRealKratos = (kratosVersion: 'v26.2.0' | 'v1.3.1') => ({
  testDir: 'test/e2e',
  testIgnore: ['fixtures.spec.ts', 'keychain.spec.ts', 'hostile-server.spec.ts', 'harness/**', 'window/**'],
  metadata: { server: 'kratos', kratosVersion },
  timeout: 90_000,
  expect: { timeout: 15_000 },
});

export default defineConfig({
  outputDir: 'test-results',
  // Two cores are shared with other work on this machine: keep parallelism low and predictable.
  workers: 2,
  fullyParallel: false,
  forbidOnly: !!process.env['CI'],
  reporter: [['list']],
  // Generous waits cost nothing when a step is fast; on a loaded 2-core machine (CI runners, several test
  // runs at once) the first screen of a run can take longer than 5 s to appear.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    browserName: 'chromium',
    headless: true,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: { executablePath: chromium, args: chromiumArgs },
  },
  projects: [
    // Scenarios audit every screen with axe-core (test/e2e/support/audit.ts): more time per test.
    { name: 'e2e', testDir: 'test/e2e', testIgnore: ['fixtures.spec.ts'], timeout: 90_000 },
    // The same scenarios on real Kratos (npm run test:kratos builds it and runs these projects with one
    // worker): every one on v26.2.0, the primary real server; on v1.3.1, still supported, the journeys every
    // person takes (KRATOS_V1_SCENARIOS). Not here: the fixture gallery, the harness's and the window's own
    // specs (scripted main) and the hostile-server spec (no Kratos involved), and the keychain scenarios (they
    // test the OS keychain's failure modes; the server plays no part). Each scenario starts its own Kratos
    // process (2–8 s on a shared machine) and waits out lifespans; a Kratos process competes with Chromium and
    // the main side for the same two cores, hence longer waits.
    { name: 'e2e-kratos', ...onRealKratos('v26.2.0') },
    { name: 'e2e-kratos-v1', ...onRealKratos('v1.3.1'), grep: KRATOS_V1_SCENARIOS },
    // One independent test per fixture file: spread them over both workers.
    // Chromium's own accessible role and name per element (element.computedRole/computedName) let the gallery
    // check a whole form in one evaluate.
    {
      name: 'fixtures',
      testDir: 'test/e2e',
      testMatch: ['fixtures.spec.ts'],
      fullyParallel: true,
      use: {
        launchOptions: {
          executablePath: chromium,
          args: [...chromiumArgs, '--enable-blink-features=ComputedAccessibilityInfo'],
        },
      },
    },
    { name: 'electron', testDir: 'test/electron' },
  ],
});
