/**
 * For a real-Kratos suite with social sign-in: Kratos with the test IdP (test/support/test-idp.ts) and the
 * person's browser (test/support/system-browser.ts), started before the suite's first test and stopped after
 * its last. `options` is read when the suite starts; `started` hands the three to the suite's variables.
 */
import { afterAll, beforeAll } from 'vitest';
import type { RealKratos } from '../support/real-kratos';
import { launchSystemBrowser, type SystemBrowser } from '../support/system-browser';
import { startKratosWithIdp, type TestIdp } from '../support/test-idp';

export interface KratosWithIdp {
  kratos: RealKratos;
  idp: TestIdp;
  browser: SystemBrowser;
}

export function kratosWithIdpForSuite(
  options: () => Promise<Parameters<typeof startKratosWithIdp>[0]>,
  started: (running: KratosWithIdp) => void,
): void {
  let running: Partial<KratosWithIdp> = {};
  beforeAll(async () => {
    running = await startKratosWithIdp(await options());
    running.browser = await launchSystemBrowser();
    started(running as KratosWithIdp);
  }, 90_000);
  afterAll(async () => {
    await running.browser?.close();
    await running.idp?.stop();
    await running.kratos?.stop();
  });
}
