/**
 * End to end, keychain unavailable, each case reproduced for real: the real renderer in Chromium,
 * the real main side (AppCore, router, OsKeychain over keytar/libsecret) in its own process with the D-Bus setup
 * of the case (test/keychain/main-side-process.ts; libsecret keeps one D-Bus connection per process, so
 * every setup and every app start is a fresh process), against the spec-validating emulator.
 *
 * For each case: the window shows the persistent warning (the memory-only promise in one sentence, the typed
 * reason's text and the fix hint on demand); the user can still sign in (memory session); the token is in no file under userData,
 * os.tmpdir() or HOME; then the keychain is made to work, Retry (or, where nothing in the running app can
 * change, the next start) puts the token into the keyring — read back with secret-tool — and a restart of
 * the main side finds the session without a password. The token-leak check of the window and the main
 * logger runs after every case as well.
 *
 * Needs the private D-Bus + gnome-keyring sandbox: runs under `npm run test:keychain` (skipped elsewhere).
 */
import { randomUUID } from 'node:crypto';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { KeychainProblemKind } from '../../main/keychain/keychain-problem';
import { scanForSecret } from '../keychain/scan-for-secret';
import { lockCollection, secretToolLookup, sessionEnv, unlockCollection } from '../keychain/secret-service';
import { startMainSideProcess, type MainSideProcess } from '../keychain/main-side-process';
import { Teardown } from '../keychain/teardown';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { openApp, type AppHarness } from './harness';
import { expectNoTokenLeak, LeakWatch } from './support/leak-watch';
import { e2eKeychainService } from './support/main-side';
import { aalBadge, registerInWindow } from './support/person';

const sandbox = process.env['KRATOS_KEYCHAIN_SANDBOX'];
test.skip(
  !sandbox || !tmpdir().startsWith(`${sandbox}/`),
  'needs the private D-Bus + gnome-keyring sandbox of `npm run test:keychain`',
);
// Several processes start per case (main side ×3, D-Bus, gnome-keyring): more than the default 30 s.
test.describe.configure({ timeout: 90_000 });

const memoryOnly = 'you will have to sign in again after a restart';

// ---------------------------------------------------------------------------------------------------------
// Per-test world: the emulator, every app start, D-Bus sessions; stopped in reverse order after the test.

interface Running {
  main: MainSideProcess;
  app: AppHarness;
}

let emulator: TestEmulator;
let watch: LeakWatch;
const teardown = new Teardown();

test.beforeEach(async () => {
  emulator = await startTestEmulator();
  watch = new LeakWatch();
});

test.afterEach(async () => {
  try {
    await teardown.run(); // quits the windows still open: the leak watch collects them
    expectNoTokenLeak(watch);
  } finally {
    await emulator.stop(); // throws on any spec violation or Cookie/Origin header
  }
});

/** Starts the app (main side process + window); `quit` is also done after the test if the test did not. */
async function start(
  browser: Parameters<typeof openApp>[0],
  env: NodeJS.ProcessEnv,
  userDataDir: string,
): Promise<Running & { quit(): Promise<void> }> {
  const main = await startMainSideProcess({ env, kratosUrl: emulator.url, userDataDir });
  const app = await openApp(browser, { handle: main.handle }).catch(async (error: unknown) => {
    await main.stop();
    throw error;
  });
  main.attach(app);
  let quitting: Promise<void> | undefined;
  const quit = () =>
    (quitting ??= (async () => {
      await watch.collect(app, `window ${watch.material.length}`);
      watch.add('main logger', await main.logLines());
      await app.close();
      await main.stop();
    })());
  teardown.add(quit);
  return { main, app, quit };
}

// ---------------------------------------------------------------------------------------------------------
// What the user sees and does.

const banner = (page: Page) => page.getByTestId('banner/keychain');

/** The warning shows the memory-only promise, the reason and the hint the OsKeychain gives for `kind`. */
async function expectKeychainWarning(
  { main, app }: Running,
  kind: KeychainProblemKind,
  reason: RegExp,
  hint: RegExp,
): Promise<void> {
  const { status, problem } = await main.keychain();
  expect(problem?.kind).toBe(kind);
  if (status.kind !== 'memory')
    throw new Error(`expected a memory-only keychain, got ${JSON.stringify(status)}`);
  expect(status.reason).toMatch(reason);
  expect(status.hint).toMatch(hint);
  await expect(banner(app.page)).toBeVisible();
  await expect(banner(app.page)).toContainText(memoryOnly);
  // A problem the app started with is no alert; the reason and the hint are there on demand.
  await expect(banner(app.page)).toHaveAttribute('role', 'status');
  await expect(banner(app.page).getByText(status.reason)).toBeHidden();
  await openDetails(app.page);
  await expect(banner(app.page).getByText(status.reason)).toBeVisible();
  await expect(banner(app.page).getByText(status.hint)).toBeVisible();
}

async function openDetails(page: Page): Promise<void> {
  const details = banner(page).getByTestId('banner/keychain/details');
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
}

/** Registers in the window; returns the token the main side now holds. */
async function register({ main, app }: Running): Promise<string> {
  await registerInWindow(app.page, `user-${randomUUID()}@example.com`);
  await expect(aalBadge(app.page)).toHaveText('aal1');
  const token = await main.token();
  watch.addToken(token);
  return token!;
}

/** Signed in on the memory session, the warning still there; the token in no file. */
async function signInInMemory(running: Running, userDataDir: string): Promise<string> {
  const token = await register(running);
  // Persistent: the warning stays on the signed-in screen too.
  await expect(banner(running.app.page)).toContainText(memoryOnly);
  expect((await running.main.keychain()).status.kind).toBe('memory');
  expect(await scanForSecret(token, [userDataDir, tmpdir(), homedir()])).toEqual([]);
  return token;
}

async function pressRetry(page: Page): Promise<void> {
  await banner(page).getByRole('button', { name: 'Try the keychain again' }).click();
}

/**
 * Retry while the keychain still fails: the warning stays and says so, without saying the reason and the
 * hint a second (and third) time — they stay in the details; the memory session is kept.
 */
async function expectRetryStillFails({ main, app }: Running): Promise<void> {
  await pressRetry(app.page);
  const { status } = await main.keychain();
  if (status.kind !== 'memory') throw new Error('the keychain should still be unavailable');
  await expect(banner(app.page).locator('.message-error')).toHaveText('The keychain still cannot be used.');
  await openDetails(app.page);
  const text = (await banner(app.page).textContent()) ?? '';
  for (const part of [memoryOnly, status.reason, status.hint]) expect(text.split(part)).toHaveLength(2);
  await expect(aalBadge(app.page)).toHaveText('aal1');
}

/** After the keychain works: the token is in the keyring, still in no plaintext file, and a restart finds it. */
async function expectPersistedAcrossRestart(
  browser: Parameters<typeof openApp>[0],
  running: Running & { quit(): Promise<void> },
  env: NodeJS.ProcessEnv,
  userDataDir: string,
  token: string,
): Promise<void> {
  expect(await secretToolLookup(env, e2eKeychainService, emulator.url)).toBe(token);
  expect(await scanForSecret(token, [userDataDir, tmpdir(), homedir()])).toEqual([]);

  await running.quit();
  const restarted = await start(browser, env, userDataDir);
  await expect(aalBadge(restarted.app.page)).toHaveText('aal1');
  expect(restarted.app.invocations.map(({ channel }) => channel)).not.toContain('kratos:submitFlow');
  await expect(banner(restarted.app.page)).toHaveCount(0);
  expect((await restarted.main.keychain()).status.kind).toBe('persisted');
}

// ---------------------------------------------------------------------------------------------------------

test('no D-Bus address: memory session with the warning; the next start in a desktop session saves sign-ins', async ({
  browser,
}) => {
  const root = await teardown.sessionDirs('e2e-no-bus');
  const userDataDir = path.join(root, 'app-data');
  // DBUS_SESSION_BUS_ADDRESS unset and no $DISPLAY to autolaunch a bus from (as over SSH or in a container).
  const first = await start(browser, sessionEnv(root, undefined), userDataDir);
  await expectKeychainWarning(first, 'no-dbus-session', /no desktop session bus/, /dbus-run-session/);
  const memoryToken = await signInInMemory(first, userDataDir);
  // Nothing in the running app can give it a bus address: Retry keeps failing, and says why.
  await expectRetryStillFails(first);

  // Quit; the memory session ends with the app, as the warning said. The next start has a session bus
  // with an unlocked gnome-keyring (what `dbus-run-session` + gnome-keyring, the hint, gives).
  await first.quit();
  expect(await scanForSecret(memoryToken, [root, tmpdir(), homedir()])).toEqual([]);
  const keyring = await teardown.privateSession({ kind: 'unlocked', password: randomUUID() }, root);
  const second = await start(browser, keyring.env, userDataDir);
  await expect(second.app.page.getByTestId('flow/login')).toBeVisible();
  await expect(banner(second.app.page)).toHaveCount(0);
  expect(await secretToolLookup(keyring.env, e2eKeychainService, emulator.url)).toBeNull();

  const token = await register(second);
  await expectPersistedAcrossRestart(browser, second, keyring.env, userDataDir, token);
});

test('D-Bus without a Secret Service provider: memory session; once gnome-keyring runs, Retry saves the sign-in', async ({
  browser,
}) => {
  const bare = await teardown.privateSession({ kind: 'none' });
  const userDataDir = path.join(bare.root, 'app-data');
  const running = await start(browser, bare.env, userDataDir);
  await expectKeychainWarning(running, 'no-secret-service', /No keyring service/, /GNOME Keyring/);
  const token = await signInInMemory(running, userDataDir);
  await expectRetryStillFails(running);

  await bare.startKeyring({ kind: 'unlocked', password: randomUUID() });
  await pressRetry(running.app.page);
  await expect(banner(running.app.page)).toHaveCount(0);
  await expect(aalBadge(running.app.page)).toHaveText('aal1');
  await expectPersistedAcrossRestart(browser, running, bare.env, userDataDir, token);
});

test('a locked login collection: memory session; after unlocking, Retry saves the sign-in', async ({
  browser,
}) => {
  const keyringPassword = randomUUID();
  const keyring = await teardown.privateSession({ kind: 'unlocked', password: keyringPassword });
  await lockCollection(keyring.env);
  const userDataDir = path.join(keyring.root, 'app-data');
  const running = await start(browser, keyring.env, userDataDir);
  await expectKeychainWarning(running, 'collection-locked', /keyring is locked/, /Unlock the keyring/);
  const token = await signInInMemory(running, userDataDir);
  await expectRetryStillFails(running);
  expect(await secretToolLookup(keyring.env, e2eKeychainService, emulator.url)).toBeNull();

  await unlockCollection(keyring.env, keyringPassword);
  await pressRetry(running.app.page);
  await expect(banner(running.app.page)).toHaveCount(0);
  await expect(aalBadge(running.app.page)).toHaveText('aal1');
  await expectPersistedAcrossRestart(browser, running, keyring.env, userDataDir, token);
});
