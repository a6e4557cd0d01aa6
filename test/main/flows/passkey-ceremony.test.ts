/**
 * The passkey journeys through the app's main side on the emulator (test/support/passkey-journeys.ts; the
 * same journeys run on real Kratos v26.2.0 in test/kratos/passkey-app.test.ts): sign-up, sign-in, settings
 * (add after a re-authentication, list, remove, the last refused), Cancel on the page and in the app, late and
 * foreign links, no page configured, and the leak check.
 */
import { afterAll, beforeAll, it } from 'vitest';
import { defaultConfig } from '../../../emulator/index';
import { startTestEmulator, type TestEmulator } from '../../support/emulator';
import { passkeyJourneys } from '../../support/passkey-journeys';
import { launchSystemBrowser, type SystemBrowser } from '../../support/system-browser';

// Long enough that a refresh login and the settings submit it re-sends fit in it on a loaded machine.
const PRIVILEGED_MS = 5_000;
let emulator: TestEmulator;
let browser: SystemBrowser;

beforeAll(async () => {
  emulator = await startTestEmulator({
    config: {
      methods: { ...defaultConfig.methods, passkey: true },
      privilegedSessionMaxAgeMs: PRIVILEGED_MS,
    },
  });
  browser = await launchSystemBrowser({ passkeys: true });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await emulator?.stop();
});

it('signs up, signs in and manages passkeys through the browser ceremony', async () => {
  await passkeyJourneys({
    url: emulator.url,
    pageUrl: `http://localhost:${new URL(emulator.url).port}/passkey`,
    browser,
    ageSession: () => new Promise((resolve) => setTimeout(resolve, PRIVILEGED_MS + 200)),
  });
}, 120_000);
