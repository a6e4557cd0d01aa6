/**
 * Each way the Linux keychain can be unavailable, reproduced for real in a child process with its own
 * D-Bus setup: the typed reason, the text the UI shows, the in-memory fallback that keeps the user signed
 * in for this run, nothing written to disk — and Retry once the keychain works.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { KeychainProblemKind } from '../../main/keychain/keychain-problem';
import { scanForSecret } from './scan-for-secret';
import { lockCollection, secretToolLookup, sessionEnv, unlockCollection } from './secret-service';
import { Teardown } from './teardown';
import type { OsKeychainProcess } from './os-keychain-process';
import { startOsKeychainProcess } from './os-keychain-process';

const service = 'Kratos Desktop';
const endpoint = 'https://auth.example.com';
const newToken = () => `ory_st_${randomBytes(24).toString('base64url')}`;

/** What each test started, stopped and removed after it (after the leak scan). */
const teardown = new Teardown();
afterEach(() => teardown.run());

async function osKeychainIn(env: NodeJS.ProcessEnv, root: string): Promise<OsKeychainProcess> {
  const child = await startOsKeychainProcess(env, join(root, 'app-data'));
  teardown.add(() => child.close());
  return child;
}

/**
 * The fallback contract for one unavailable case: typed reason, human text, token usable in memory,
 * nothing on disk (the session's HOME/XDG dirs, the app's data dir, os.tmpdir()).
 */
async function expectMemoryFallback(
  child: OsKeychainProcess,
  root: string,
  kind: KeychainProblemKind,
  detail: RegExp,
) {
  expect(child.opened.problem).toMatchObject({ kind, detail: expect.stringMatching(detail) });
  expect(child.opened.status).toMatchObject({
    kind: 'memory',
    // What it means (sign in again after a restart) is the window's own sentence; the reason says why.
    reason: expect.not.stringMatching(/memory only|org\.freedesktop/),
    // In the words of the window's button, or a restart where nothing in the running app can help.
    hint: expect.stringMatching(/try the keychain again|restart/),
  });

  const token = newToken();
  await child.set(endpoint, token);
  expect(await child.get(endpoint)).toBe(token);
  expect((await child.status()).status.kind).toBe('memory');

  expect(await scanForSecret(token, [root, tmpdir()])).toEqual([]);
  return token;
}

describe('keychain unavailable, for real', () => {
  it('no D-Bus session: DBUS_SESSION_BUS_ADDRESS unset (and no X11 to autolaunch one)', async () => {
    const root = await teardown.sessionDirs('no-bus');
    const child = await osKeychainIn(sessionEnv(root, undefined), root);
    await expectMemoryFallback(child, root, 'no-dbus-session', /Cannot autolaunch D-Bus without X11/);
    expect(child.opened.status).toMatchObject({ hint: expect.stringMatching(/dbus-run-session/) });
  });

  it('no D-Bus session: the address points at a socket nobody listens on', async () => {
    const root = await teardown.sessionDirs('dead-bus');
    const child = await osKeychainIn(sessionEnv(root, `unix:path=${join(root, 'no-such-bus')}`), root);
    await expectMemoryFallback(child, root, 'no-dbus-session', /Could not connect/);
  });

  it('a D-Bus session without a Secret Service provider (bare dbus-daemon, no gnome-keyring)', async () => {
    const bare = await teardown.privateSession({ kind: 'none' });
    const child = await osKeychainIn(bare.env, bare.root);
    await expectMemoryFallback(
      child,
      bare.root,
      'no-secret-service',
      /org\.freedesktop\.secrets was not provided by any \.service files/,
    );
    expect(child.opened.status).toMatchObject({ hint: expect.stringMatching(/GNOME Keyring.*KWallet/) });
  });

  it('gnome-keyring running without a login collection', async () => {
    const keyring = await teardown.privateSession({ kind: 'no-login-collection' });
    const child = await osKeychainIn(keyring.env, keyring.root);
    await expectMemoryFallback(
      child,
      keyring.root,
      'no-default-collection',
      /Object does not exist at path .*collection\/login/,
    );
  });

  it('a locked login collection; after unlocking, Retry moves the token into the keychain', async () => {
    const password = randomUUID();
    const keyring = await teardown.privateSession({ kind: 'unlocked', password });
    await lockCollection(keyring.env);

    const child = await osKeychainIn(keyring.env, keyring.root);
    const token = await expectMemoryFallback(
      child,
      keyring.root,
      'collection-locked',
      /Cannot create an item in a locked collection/,
    );
    expect(child.opened.status).toMatchObject({ hint: expect.stringMatching(/Unlock/) });

    // Retry while still locked changes nothing and loses nothing.
    expect((await child.retry()).status.kind).toBe('memory');
    expect(await child.get(endpoint)).toBe(token);

    await unlockCollection(keyring.env, password);
    const retried = await child.retry();

    expect(retried.status).toEqual({ kind: 'persisted', backend: 'Secret Service (libsecret)' });
    expect(child.changes).toEqual([retried.status]);
    expect(await secretToolLookup(keyring.env, service, endpoint)).toBe(token);
    const restarted = await osKeychainIn(keyring.env, keyring.root);
    expect(await restarted.get(endpoint)).toBe(token);
    // In the keychain now, encrypted: still in no plaintext file.
    expect(await scanForSecret(token, [keyring.root, tmpdir()])).toEqual([]);
  });

  it('no D-Bus at start; the desktop session comes up later and Retry persists the token', async () => {
    const root = await teardown.sessionDirs('late-bus');
    const env = sessionEnv(root, `unix:path=${join(root, 'bus')}`);
    const child = await osKeychainIn(env, root);
    const token = await expectMemoryFallback(child, root, 'no-dbus-session', /Could not connect/);

    const keyring = await teardown.privateSession({ kind: 'unlocked', password: randomUUID() }, root);
    const retried = await child.retry();

    expect(retried.status.kind).toBe('persisted');
    expect(await secretToolLookup(keyring.env, service, endpoint)).toBe(token);
  });
});
