/**
 * The passkey journeys through the app's main side on real Kratos v26.2.0 (test/support/passkey-journeys.ts,
 * which the emulator runs too): Kratos configured for passkeys with the page's origin in `rp.origins` and a
 * short `privileged_session_max_age`, the page served on `http://localhost:<port>`, Chromium with a virtual
 * authenticator as the person's browser. Skipped on a Kratos without passkeys in API flows (v1.3.1; the
 * protocol suite checks that it offers none).
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { realKratosPasskeys, startRealKratos, type RealKratos } from '../support/real-kratos';
import { startPasskeyPage, type PasskeyPageServer } from '../support/passkey-page';
import { passkeyJourneys } from '../support/passkey-journeys';
import { launchSystemBrowser, type SystemBrowser } from '../support/system-browser';

const { version, native } = realKratosPasskeys();

describe.skipIf(!native)(`the passkey journeys on real Kratos (${version})`, () => {
  let page: PasskeyPageServer;
  let kratos: RealKratos;
  let browser: SystemBrowser;

  beforeAll(async () => {
    page = await startPasskeyPage();
    kratos = await startRealKratos({ passkeyOrigins: [page.origin], privilegedSessionMaxAge: '5s' });
    browser = await launchSystemBrowser({ passkeys: true });
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await page?.stop();
    await kratos?.stop();
  });

  it('signs up, signs in and manages passkeys through the browser ceremony', async () => {
    await passkeyJourneys({
      url: kratos.url,
      pageUrl: page.url,
      browser,
      ageSession: () => new Promise((resolve) => setTimeout(resolve, 5_200)),
    });
  }, 180_000);
});
