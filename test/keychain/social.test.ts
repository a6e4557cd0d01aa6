/**
 * A social sign-in ends with the token in the real keyring: the app's services (AppCore with the real client,
 * controller, flow service and deep-link entry point) over the real OsKeychain on the sandbox's unlocked
 * gnome-keyring, the emulator's Example IdP as the provider, and Chromium as the person's system browser
 * (test/support/system-browser.ts; the `kratos-desktop://` link it is sent to goes to `followDeepLink`, as
 * the OS would hand it over). The real-Kratos suites cover the same sign-in over a memory store.
 */
import { mkdtemp } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createMemoryLogger } from '../../main/log';
import { OsKeychain } from '../../main/keychain/os-keychain';
import { isRecord } from '../../shared/is-record';
import { startAppCore } from '../support/app-core';
import { startTestEmulator } from '../support/emulator';
import { launchSystemBrowser } from '../support/system-browser';
import { scanForSecret } from './scan-for-secret';
import { secretToolLookup } from './secret-service';
import { Teardown } from './teardown';

const service = 'Kratos Desktop social';
const teardown = new Teardown();
afterEach(() => teardown.run());

it('a new person signs up through the provider: signed in, the token in gnome-keyring and nowhere else on disk', async () => {
  const initCodes: string[] = [];
  const emulator = await startTestEmulator({
    // The init code is in the flow's creation answer only: read on the wire, for the disk scan.
    onExchange: ({ body }) => {
      const code = isRecord(body) ? body['session_token_exchange_code'] : undefined;
      if (typeof code === 'string') initCodes.push(code);
    },
  });
  teardown.add(() => emulator.stop());
  const browser = await launchSystemBrowser();
  teardown.add(() => browser.close());
  const userDataDir = await mkdtemp(join(tmpdir(), 'app-data-social-'));
  const keychain = await OsKeychain.open({ service });
  expect(keychain.status().kind).toBe('persisted');
  const log = createMemoryLogger();
  const app = await startAppCore({
    userDataDir,
    environmentUrl: emulator.url,
    keychain,
    openExternal: (url) => browser.openExternal(url),
    log,
  });
  teardown.add(() => app.stop());

  const login = await app.startFlow({ kind: 'login' });
  if (login.kind !== 'flow') throw new Error(`no login flow: ${JSON.stringify(login)}`);
  const answer = app.submitFlow({ flowId: login.flow.id, values: { method: 'oidc', provider: 'example' } });
  const email = `social-keyring-${Date.now()}@example.org`;
  const link = await browser.atExampleIdp({ email });
  const followed = app.followDeepLink(link);
  expect(followed.accepted).toBe(true);
  await followed.settled;
  expect(await answer).toEqual({ kind: 'done', message: 'Your account was created and you are signed in.' });
  expect(await app.getState()).toMatchObject({ status: 'signed-in', endpoint: { url: emulator.url } });

  // The token is in the keyring, under the endpoint's account, and it is this person's session.
  const token = await secretToolLookup(process.env, service, emulator.url);
  expect(token).toMatch(/^ory_st_/);
  const whoami = await fetch(`${emulator.url}/sessions/whoami`, { headers: { 'X-Session-Token': token! } });
  expect(((await whoami.json()) as { identity: { traits: { email: string } } }).identity.traits.email).toBe(
    email,
  );

  // Nowhere else on disk (the browser's profile under tmpdir included: the token never passes through it);
  // the exchange codes (the browser saw the return code, as it must) are not in the app's files or its log.
  expect(await scanForSecret(token!, [userDataDir, tmpdir(), homedir()])).toEqual([]);
  const codes = [...initCodes, new URL(link).searchParams.get('code') ?? ''];
  expect(initCodes).toHaveLength(1);
  for (const secret of [token!, ...codes]) {
    expect(await scanForSecret(secret, [userDataDir])).toEqual([]);
    expect(log.lines.join('\n')).not.toContain(secret);
  }
});
