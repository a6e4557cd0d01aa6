/**
 * End to end (issue 3 §4): the real renderer build and the real preload in Chromium, IPC answered by the
 * real router and the real AppCore (client, session controller, flow service) against the in-process Kratos
 * emulator, whose every response is checked against Kratos's OpenAPI spec (startTestEmulator).
 *
 * Every scenario also runs the token-leak check (afterEach): no session token the test saw may appear in
 * IPC traffic to the renderer, the DOM, window globals, web storage, IndexedDB, cookies, the main logger's
 * output or the console.
 *
 * Secret store: memory by default; `KRATOS_DESKTOP_E2E_SECRET_STORE=keychain` runs the same scenarios on
 * the keytar-backed Vault (see support/main-side.ts).
 *
 * Run: `npm run test:e2e` (builds first). Screenshots land in the test output folders under test-results/;
 * `KRATOS_DESKTOP_UPDATE_SCREENSHOTS=1` also copies the session screenshot to docs/screenshots/ (README).
 */
import { copyFile, mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { createManualClock } from '../../emulator/index';
import { createKratosClient } from '../../main/kratos/client';
import type { KratosApi } from '../../main/kratos/api';
import { messageText } from '../../renderer/src/flow/messages';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { openApp, type AppHarness } from './harness';
import { LeakWatch } from './support/leak-watch';
import { keychainOpener, secretStoreChoice, startMainSide, type MainSide } from './support/main-side';

const password = 'correct-Horse-battery-9';

// ---------------------------------------------------------------------------------------------------------
// Per-test world: emulator, main side(s), windows, and the leak watch over all of them.

interface World {
  emulator: TestEmulator;
  openKeychain: ReturnType<typeof keychainOpener>;
  userDataDir: string;
  watch: LeakWatch;
  client: KratosApi;
  open(): Promise<{ main: MainSide; app: AppHarness }>;
  /** Quit: collect what the window holds, close it, stop the main side. */
  quit(running: { main: MainSide; app: AppHarness }): Promise<void>;
}

let world: World | undefined;
const running = new Set<{ main: MainSide; app: AppHarness }>();
const nodeConsole: string[] = [];
const originalConsole = { ...console };

test.beforeEach(() => {
  // Captures Node-side console output of the main-process code (the Vault reports there) for the leak check.
  const capture =
    (level: 'log' | 'info' | 'warn' | 'error' | 'debug') =>
    (...args: unknown[]) => {
      nodeConsole.push(args.map(String).join(' '));
      originalConsole[level](...args);
    };
  Object.assign(console, {
    log: capture('log'),
    info: capture('info'),
    warn: capture('warn'),
    error: capture('error'),
    debug: capture('debug'),
  });
});

test.afterEach(async () => {
  Object.assign(console, originalConsole);
  const current = world;
  world = undefined;
  if (!current) return;
  for (const instance of [...running]) await current.quit(instance);
  current.client.close().catch(() => undefined);
  current.watch.add('Node console', nodeConsole.splice(0));
  // The token-leak check, for every scenario.
  expect(current.watch.tokens.size, 'the scenario saw at least one session token').toBeGreaterThan(0);
  // The search really looked at something: the window's DOM and its IPC traffic were collected.
  const collected = current.watch.material.map(({ where }) => where).join('\n');
  expect(collected).toMatch(/: DOM$/m);
  expect(collected).toMatch(/: IPC messages to the renderer$/m);
  expect(current.watch.leaks(), 'places where a session token was found').toEqual([]);
  await current.emulator.stop(); // throws on any spec violation or Cookie/Origin header
});

async function createWorld(
  browserOpen: (handle: MainSide['handle']) => Promise<AppHarness>,
  emulator?: TestEmulator,
): Promise<World> {
  const kratos = emulator ?? (await startTestEmulator());
  const watch = new LeakWatch();
  const openKeychain = keychainOpener();
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'kd-e2e-'));
  const created: World = {
    emulator: kratos,
    openKeychain,
    userDataDir,
    watch,
    client: createKratosClient({ baseUrl: kratos.url }),
    async open() {
      const main = await startMainSide({ kratosUrl: kratos.url, openKeychain, userDataDir });
      const app = await browserOpen(main.handle);
      main.attach(app);
      const instance = { main, app };
      running.add(instance);
      return instance;
    },
    async quit(instance) {
      running.delete(instance);
      await watch.collect(instance.app, `window ${watch.material.length}`);
      watch.add('main logger', instance.main.logLines);
      await instance.app.close();
      await instance.main.stop();
    },
  };
  world = created;
  return created;
}

// ---------------------------------------------------------------------------------------------------------
// What a person does in the window.

async function fillAndSubmit(page: Page, kind: string, fields: Record<string, string>): Promise<void> {
  const form = page.getByTestId(`flow/${kind}`);
  for (const [name, value] of Object.entries(fields)) await form.getByTestId(`field/${name}`).fill(value);
  await form.getByTestId('field/method/password').click();
}

async function register(page: Page, email: string): Promise<void> {
  await page.getByTestId('nav/registration').click();
  await fillAndSubmit(page, 'registration', { 'traits.email': email, password });
}

/** An identity created the way another device would: through the Kratos API, not the window. */
async function registerThroughApi(client: KratosApi, email: string): Promise<string> {
  const flow = await client.createRegistrationFlow();
  if (flow.kind !== 'success') throw new Error(`registration flow: ${flow.kind}`);
  const done = await client.submitRegistrationFlow(flow.body.id, {
    method: 'password',
    traits: { email },
    password,
  });
  if (done.kind !== 'success' || !done.body.session_token) throw new Error(`registration: ${done.kind}`);
  return done.body.session_token;
}

async function screenshot(page: Page, name: string, outputPath: (name: string) => string): Promise<string> {
  const file = outputPath(`${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

const aalBadge = (page: Page) => page.getByTestId('session/aal');

// ---------------------------------------------------------------------------------------------------------

test('register, restart signed in, revoke another session, sign out (revoked on the server)', async ({
  browser,
}, testInfo) => {
  const { open, quit, emulator, client, openKeychain, watch } = await createWorld((handle) =>
    openApp(browser, { handle }),
  );
  const email = `ada-${Date.now()}@example.com`;

  // 1. First start: the sign-in screen.
  let window = await open();
  await expect(window.app.page.getByTestId('flow/login')).toBeVisible();
  await screenshot(window.app.page, 'sign-in', (name) => testInfo.outputPath(name));

  // 2. Register → signed in at aal1.
  await register(window.app.page, email);
  await expect(aalBadge(window.app.page)).toHaveText('aal1');
  const sessionFile = await screenshot(window.app.page, 'session', (name) => testInfo.outputPath(name));
  if (process.env['KRATOS_DESKTOP_UPDATE_SCREENSHOTS'] === '1') {
    // The README's picture; refreshed on request only, so test runs leave the tree unchanged.
    await mkdir('docs/screenshots', { recursive: true });
    await copyFile(sessionFile, 'docs/screenshots/session.png');
  }
  const token = await window.main.keychain.store.get(emulator.url);
  watch.addToken(token);
  // On the keychain run the token must really be in the OS keychain, not in the Vault's memory fallback.
  if (secretStoreChoice() === 'keychain')
    expect(window.main.keychain.status()).toMatchObject({ kind: 'persisted' });
  const whoami = await client.whoami(token!);
  if (whoami.kind !== 'success') throw new Error('whoami with the stored token failed');
  const sessionId = whoami.body.id;

  // 3. Restart the main side (same secret store, same userData): still signed in, no password typed.
  await quit(window);
  window = await open();
  await expect(aalBadge(window.app.page)).toHaveText('aal1');
  expect(window.app.invocations.map(({ channel }) => channel)).not.toContain('flow:submit');
  expect(await (await openKeychain()).store.get(emulator.url)).toBe(token);

  // 4. Another device signs in to the same identity; the window lists it and revokes it.
  const login = await client.createLoginFlow();
  if (login.kind !== 'success') throw new Error('login flow');
  const other = await client.submitLoginFlow(login.body.id, {
    method: 'password',
    identifier: email,
    password,
  });
  if (other.kind !== 'success' || !other.body.session) throw new Error(`second login: ${other.kind}`);
  watch.addToken(other.body.session_token);
  const otherId = other.body.session.id;

  await window.app.page.getByTestId('nav/sessions').click();
  await expect(window.app.page.getByTestId(`sessions/item/${otherId}`)).toBeVisible();
  await screenshot(window.app.page, 'sessions', (name) => testInfo.outputPath(name));
  await window.app.page.getByTestId(`sessions/revoke/${otherId}`).click();
  await expect(window.app.page.getByTestId('sessions/result')).toHaveText('The session was signed out.');
  await expect(window.app.page.getByTestId(`sessions/item/${otherId}`)).toHaveCount(0);
  expect(emulator.sessionIsActive(otherId)).toBe(false);
  expect(emulator.sessionIsActive(sessionId)).toBe(true);

  // 5. Sign out: back to the sign-in screen, the session revoked on the server, the token gone locally.
  await window.app.page.getByTestId('nav/session').click();
  await window.app.page.getByTestId('session/logout').click();
  await expect(window.app.page.getByTestId('flow/login')).toBeVisible();
  expect(emulator.sessionIsActive(sessionId)).toBe(false);
  expect(await window.main.keychain.store.get(emulator.url)).toBeNull();
});

test('a wrong password shows Kratos message 4000006 in words', async ({ browser }) => {
  const { open, client, watch } = await createWorld((handle) => openApp(browser, { handle }));
  const email = `grace-${Date.now()}@example.com`;
  watch.addToken(await registerThroughApi(client, email));

  const { app } = await open();
  await fillAndSubmit(app.page, 'login', { identifier: email, password: 'not-the-password-1' });
  const message = app.page.getByTestId('ui/message/4000006');
  await expect(message).toBeVisible();
  await expect(message).toHaveText(messageText({ id: 4000006, text: '', context: {} }));
  await expect(app.page.getByTestId('field/password')).toHaveValue('');
});

test('Kratos going away keeps the session; when it is back the user is signed in without a password', async ({
  browser,
}) => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'kd-e2e-emulator-'));
  const first = await startTestEmulator({ dataDir });
  const { open, watch } = await createWorld((handle) => openApp(browser, { handle }), first);
  const port = Number(new URL(first.url).port);

  const { main, app } = await open();
  await register(app.page, `linus-${Date.now()}@example.com`);
  await expect(aalBadge(app.page)).toHaveText('aal1');
  const token = await main.keychain.store.get(first.url);
  watch.addToken(token);

  // The server disappears; the window gets focus, which re-checks the session.
  await first.stop();
  await main.windowFocused();
  await expect(app.page.getByTestId('banner/unreachable')).toBeVisible();
  expect(await main.keychain.store.get(first.url)).toBe(token);

  // Same port, same data: the session still exists there. Retry → signed in, nothing typed.
  const back = await startTestEmulator({ port, dataDir });
  world!.emulator = back;
  await app.page.getByTestId('banner/unreachable/retry').click();
  await expect(aalBadge(app.page)).toHaveText('aal1');
  expect(app.invocations.filter(({ channel }) => channel === 'flow:submit')).toHaveLength(1); // the registration
});

test('an expired sign-in flow is replaced; the user submits again and is signed in', async ({ browser }) => {
  const clock = createManualClock();
  const emulator = await startTestEmulator({ clock });
  const { open, client, watch } = await createWorld((handle) => openApp(browser, { handle }), emulator);
  const email = `barbara-${Date.now()}@example.com`;
  watch.addToken(await registerThroughApi(client, email));

  const { main, app } = await open();
  await expect(app.page.getByTestId('flow/login')).toBeVisible();
  clock.advance(emulator.config.flowLifespanMs.login + 60_000);

  await fillAndSubmit(app.page, 'login', { identifier: email, password });
  await expect(app.page.getByTestId('ui/message/4010001')).toBeVisible();
  await expect(app.page.getByTestId('flow/login')).toBeVisible();

  await fillAndSubmit(app.page, 'login', { identifier: email, password });
  await expect(aalBadge(app.page)).toHaveText('aal1');
  watch.addToken(await main.keychain.store.get(emulator.url));
});

test('the leak watch does find a planted token (the check above can fail)', () => {
  const watch = new LeakWatch();
  watch.addToken('ory_st_planted123');
  watch.add('somewhere', { nested: ['… ory_st_planted123 …'] });
  watch.add('elsewhere', 'clean');
  watch.add('without the prefix', 'token=planted123');
  expect(watch.leaks()).toEqual(['somewhere', 'without the prefix']);
});
