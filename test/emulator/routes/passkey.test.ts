/**
 * The emulator's passkey method against the protocol measured on real Kratos v26.2.0
 * (test/support/passkey-protocol.ts; the same script runs on real Kratos in test/kratos/passkey.test.ts), with
 * real ceremonies: its own passkey page in Chromium with a virtual authenticator, verified by
 * @simplewebauthn/server. Plus what only the emulator shows: the page it serves, the method off by default.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { startTestEmulator, type TestEmulator } from '../../support/emulator';
import { startPasskeyPage, type PasskeyPageServer } from '../../support/passkey-page';
import { call, passkeyNodes, passkeyProtocol, type PasskeyServer } from '../../support/passkey-protocol';
import { launchSystemBrowser, type SystemBrowser } from '../../support/system-browser';
import { defaultConfig } from '../../../emulator/index';

describe('the passkey method (on)', () => {
  let emulator: TestEmulator;
  let foreign: PasskeyPageServer;
  let browser: SystemBrowser;
  let server: PasskeyServer;

  beforeAll(async () => {
    emulator = await startTestEmulator({ config: { methods: { ...defaultConfig.methods, passkey: true } } });
    foreign = await startPasskeyPage();
    browser = await launchSystemBrowser({ passkeys: true });
    const port = new URL(emulator.url).port;
    server = {
      url: emulator.url,
      pageUrl: `http://localhost:${port}/passkey`,
      foreignPageUrl: foreign.url,
      deleteIdentity: async (id) => emulator.deleteIdentity(id),
    };
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await foreign?.stop();
    await emulator?.stop();
  });

  it('speaks the protocol real Kratos v26.2.0 speaks, verifying every ceremony for real', async () => {
    await passkeyProtocol(server, browser);
  }, 120_000);

  it('serves the passkey page on localhost with its CSP, frame-ancestors none and no caching', async () => {
    const port = new URL(emulator.url).port;
    const page = await request(`http://127.0.0.1:${port}/passkey`, {
      headers: { host: `localhost:${port}` },
    });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(String(page.headers['content-security-policy'])).toMatch(
      /^default-src 'none'; script-src 'sha256-/,
    );
    expect(String(page.headers['content-security-policy'])).toMatch(/frame-ancestors 'none'$/);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(await page.body.text()).toContain('Kratos Desktop');
  });

  it('refuses an assertion whose signature does not verify (4000008), keeping no session', async () => {
    const login = await call(server, 'GET', '/self-service/login/api');
    const forged = JSON.stringify({
      id: 'AAAA',
      rawId: 'AAAA',
      type: 'public-key',
      response: { clientDataJSON: 'e30', authenticatorData: 'AAAA', signature: 'AAAA', userHandle: 'AAAA' },
    });
    const answer = await call(server, 'POST', `/self-service/login?flow=${login.body['id']}`, {
      body: { method: 'passkey', passkey_login: forged },
    });
    expect(answer.status).toBe(400);
    expect(answer.body['session_token']).toBeUndefined();
  });
});

describe('the passkey method (off, the default, as in Kratos)', () => {
  let emulator: TestEmulator;
  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  afterAll(() => emulator?.stop());

  it('draws no passkey node and serves no page', async () => {
    const server = { url: emulator.url } as PasskeyServer;
    const login = await call(server, 'GET', '/self-service/login/api');
    expect(passkeyNodes(login.body)).toEqual([]);
    const page = await request(`${emulator.url}/passkey`);
    expect(page.statusCode).toBe(404);
    await page.body.dump();
  });
});
