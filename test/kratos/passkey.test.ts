/**
 * Passkeys on real Kratos, at the protocol level (docs/passkeys.md): Kratos configured as an operator would
 * (`selfservice.methods.passkey` with `rp.id: localhost` and the passkey page's origin in `rp.origins`, the
 * session hook after a passkey sign-up), the page (web/passkey.html) served on `http://localhost:<port>`,
 * Chromium with a CDP virtual authenticator as the person's browser. v26.2.0 runs the whole measured script
 * (test/support/passkey-protocol.ts, which the emulator runs too); v1.3.1 offers no passkey in API flows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  realKratosIsBuilt,
  realKratosPasskeys,
  startRealKratos,
  type RealKratos,
} from '../support/real-kratos';
import { startPasskeyPage, type PasskeyPageServer } from '../support/passkey-page';
import { call, passkeyNodes, passkeyProtocol, type PasskeyServer } from '../support/passkey-protocol';
import { launchSystemBrowser, type SystemBrowser } from '../support/system-browser';

const built = realKratosIsBuilt();
const { version, native: hasNativePasskeys } = realKratosPasskeys();

describe.skipIf(!built)(`passkeys on real Kratos (${version})`, () => {
  let page: PasskeyPageServer;
  let foreign: PasskeyPageServer;
  let kratos: RealKratos;
  let browser: SystemBrowser;
  let server: PasskeyServer;

  beforeAll(async () => {
    page = await startPasskeyPage();
    foreign = await startPasskeyPage();
    kratos = await startRealKratos({ passkeyOrigins: [page.origin] });
    browser = await launchSystemBrowser({ passkeys: true });
    server = {
      url: kratos.url,
      pageUrl: page.url,
      foreignPageUrl: foreign.url,
      deleteIdentity: async (id) => {
        const response = await fetch(`${kratos.adminUrl}/admin/identities/${id}`, { method: 'DELETE' });
        expect(response.status).toBe(204);
      },
    };
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await foreign?.stop();
    await page?.stop();
    await kratos?.stop();
  });

  it.skipIf(!hasNativePasskeys)(
    'v26.2.0: sign-up, sign-in, settings and every refusal, measured',
    async () => {
      await passkeyProtocol(server, browser);
    },
    180_000,
  );

  it.skipIf(hasNativePasskeys)(
    'v1.3.1: no passkey node in any API flow, even with the method on',
    async () => {
      const login = await call(server, 'GET', '/self-service/login/api');
      expect(login.status).toBe(200);
      expect(passkeyNodes(login.body)).toEqual([]);
      const registration = await call(server, 'GET', '/self-service/registration/api');
      const step = await call(server, 'POST', `/self-service/registration?flow=${registration.body['id']}`, {
        body: { method: 'profile', traits: { email: 'v131-passkey@example.org' } },
      });
      expect(step.status).toBe(400);
      expect(passkeyNodes(step.body)).toEqual([]);
    },
  );
});
