/**
 * Passkeys from the terminal on real Kratos v26.2.0 (test/cli/passkey-journey.ts, which the emulator runs
 * too): Kratos configured for passkeys with the page's origin in `rp.origins`, the page served on
 * `http://localhost:<port>` as an operator hosts it. The CLI runs as the operator's `npm run dist` leaves it:
 * `operator.json` beside its bundle naming the server and its passkey page, with no `--endpoint` and no
 * `KRATOS_PASSKEY_PAGE_URL`: it learns both as the installed window does. Skipped, saying which Kratos it
 * found, where the build offers no passkeys in API flows (v1.3.1, or not built: Go missing).
 */
import { afterAll, afterEach, beforeAll, describe, it } from 'vitest';
import { buildCli, cliBundleWithOperator } from '../cli/support';
import { terminalPasskeyJourney } from '../cli/passkey-journey';
import { startPasskeyPage, type PasskeyPageServer } from '../support/passkey-page';
import { realKratosPasskeys, startRealKratos, type RealKratos } from '../support/real-kratos';
import { launchSystemBrowser, type SystemBrowser } from '../support/system-browser';
import type { TerminalPane } from '../support/tmux';

const { version, native } = realKratosPasskeys();

describe.skipIf(!native)(`passkeys from the terminal on real Kratos (${version})`, () => {
  let page: PasskeyPageServer;
  let kratos: RealKratos;
  let person: SystemBrowser;
  const panes: TerminalPane[] = [];

  beforeAll(async () => {
    buildCli();
    page = await startPasskeyPage();
    kratos = await startRealKratos({ passkeyOrigins: [page.origin] });
    person = await launchSystemBrowser({ passkeys: true });
  }, 90_000);
  afterEach(async () => {
    await Promise.all(panes.splice(0).map((pane) => pane.stop()));
  });
  afterAll(async () => {
    await person?.close();
    await page?.stop();
    await kratos?.stop();
  });

  it("signs up with a passkey, then signs in with it in another run, the page from the operator's configuration", async () => {
    const bundle = cliBundleWithOperator({
      kratosPublicUrl: kratos.url,
      allowServerChange: true,
      passkeyPageUrl: page.url,
    });
    await terminalPasskeyJourney({ pageUrl: page.url, person, command: `node ${bundle}`, env: {}, panes });
  }, 120_000);
});
