/**
 * End to end, the journeys every person takes (sign up, restart, other sessions, sign out, wrong password,
 * server down, expired flow): the real renderer build and the real preload in Chromium, IPC answered by the
 * real router and the real AppCore (client, session controller, flow service) against the in-process Kratos
 * emulator, whose every response is checked against Kratos's OpenAPI spec (startTestEmulator), and under
 * the `e2e-kratos` project against a real Kratos (support/test-server.ts).
 *
 * Every scenario also runs the token-leak check when it ends (support/world.ts): no session token the test saw may appear in
 * IPC traffic to the renderer, the DOM, window globals, web storage, IndexedDB, cookies, the main logger's
 * output or the console.
 *
 * Secret store: memory by default; `KRATOS_DESKTOP_E2E_SECRET_STORE=keychain` runs the same scenarios on
 * the keytar-backed OsKeychain (see support/main-side.ts).
 *
 * Run: `npm run test:e2e` (builds first). Screenshots land in the test output folders under test-results/;
 * `KRATOS_DESKTOP_UPDATE_SCREENSHOTS=1` also copies the session screenshot to docs/screenshots/ (README).
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { createManualClock } from '../../emulator/index';
import { createKratosClient } from '../../main/kratos/client';
import { ownUserAgent } from '../../main/kratos/user-agent';
import { LeakWatch } from './support/leak-watch';
import { keychainChoice } from './support/main-side';
import {
  aalBadge,
  confirmDialog,
  fillAndSubmit,
  messageWords,
  password,
  passwordLoginThroughApi,
  registerInWindow,
  registerThroughApi,
  screenshot,
  signOut,
  submitCount,
} from './support/person';
import { serverKind } from './support/test-server';
import { e2eWorld } from './support/world';

const world = e2eWorld();

/** This computer's system as the session list names it (shared/user-agent.ts). */
const describeSystem = () => ({ darwin: 'macOS', win32: 'Windows' })[process.platform as string] ?? 'Linux';

// ---------------------------------------------------------------------------------------------------------

test('register, restart signed in, revoke another session, sign out (revoked on the server)', async ({
  browser,
}, testInfo) => {
  const { open, quit, server, client, openKeychain, watch } = await world.create(browser);
  const email = `ada-${Date.now()}@example.com`;

  // 1. First start: the sign-in screen.
  let window = await open();
  await expect(window.app.page.getByTestId('flow/login')).toBeVisible();
  await screenshot(window.app.page, 'sign-in', (name) => testInfo.outputPath(name));

  // 2. Register → signed in at aal1.
  await registerInWindow(window.app.page, email);
  await expect(aalBadge(window.app.page)).toHaveText('aal1');
  await screenshot(window.app.page, 'session', (name) => testInfo.outputPath(name), 'session');
  const token = await window.main.keychain.store.get(server.url);
  watch.addToken(token);
  // On the keychain run the token must really be in the OS keychain, not in the OsKeychain's memory fallback.
  if (keychainChoice() === 'keychain')
    expect(window.main.keychain.status()).toMatchObject({ kind: 'persisted' });
  const whoami = await client.whoami(token!);
  if (whoami.kind !== 'success') throw new Error('whoami with the stored token failed');
  const sessionId = whoami.body.id;

  // 3. Restart the main side (same secret store, same userData): still signed in, no password typed.
  await quit(window);
  window = await open();
  await expect(aalBadge(window.app.page)).toHaveText('aal1');
  expect(window.app.invocations.map(({ channel }) => channel)).not.toContain('kratos:submitFlow');
  expect(await (await openKeychain()).store.get(server.url)).toBe(token);

  // 4. The terminal client signs in to the same identity on this computer; the window lists it, told apart
  // from itself by the user agent each sends (kratos-desktop-cli/… and kratos-desktop/…), and revokes it.
  const terminal = createKratosClient({ baseUrl: server.url, userAgent: ownUserAgent('terminal') });
  const { token: otherToken, sessionId: otherId } = await passwordLoginThroughApi(terminal, email);
  await terminal.close();
  watch.addToken(otherToken);

  const page = window.app.page;
  await page.getByTestId('nav/sessions').click();
  const other = page.getByTestId(`sessions/item/${otherId}`);
  await expect(other).toBeVisible();
  const system = describeSystem();
  await expect(other.locator('.card-head strong')).toHaveText(
    new RegExp(`^Kratos Desktop terminal on ${system} \\(.+\\)( from .+)?$`),
  );
  // Its last activity on record (Kratos keeps its last sign-in, no time of later use); this one is active now.
  await expect(page.getByTestId(`sessions/activity/${otherId}`)).toHaveText(
    /^Last active: signed in (now|\d+ seconds? ago|\d+ minutes? ago)$/,
  );
  await expect(page.getByTestId(`sessions/activity/${sessionId}`)).toHaveText(
    'Last active: now, in this window',
  );
  // The revoke button is named after its session: a list of buttons read out tells them apart.
  const revokeButton = page.getByTestId(`sessions/revoke/${otherId}`);
  await expect(revokeButton).toHaveText('Sign out this session');
  await expect(revokeButton).toHaveAccessibleName(
    new RegExp(`^Sign out this session: Kratos Desktop terminal on ${system} \\(.+\\).*, signed in `),
  );
  await screenshot(page, 'sessions', (name) => testInfo.outputPath(name));
  await revokeButton.click();
  await confirmDialog(window.app.page, 'Sign out this session?', 'Sign out that session');
  await expect(window.app.page.getByTestId('sessions/result')).toHaveText('The session was signed out.');
  await expect(window.app.page.getByTestId(`sessions/item/${otherId}`)).toHaveCount(0);
  expect(await server.sessionIsActive(otherId)).toBe(false);
  expect(await server.sessionIsActive(sessionId)).toBe(true);

  // 5. Sign out: back to the sign-in screen, the session revoked on the server, the token gone locally.
  await signOut(window.app.page);
  expect(await server.sessionIsActive(sessionId)).toBe(false);
  expect(await window.main.keychain.store.get(server.url)).toBeNull();
});

test('a wrong password shows Kratos message 4000006 in words', async ({ browser }) => {
  const { open, client, watch } = await world.create(browser);
  const email = `grace-${Date.now()}@example.com`;
  watch.addToken(await registerThroughApi(client, email));

  const { app } = await open();
  await fillAndSubmit(app.page, 'login', { identifier: email, password: 'not-the-password-1' });
  const message = app.page.getByTestId('ui/message/4000006');
  await expect(message).toBeVisible();
  await expect(message).toHaveText(messageWords(4000006));
  await expect(app.page.getByTestId('field/password')).toHaveValue('');
});

test('Kratos going away keeps the session; when it is back the user is signed in without a password', async ({
  browser,
}) => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'kd-e2e-emulator-'));
  const { open, server: first, kratosBack, watch } = await world.create(browser, { dataDir });

  const { main, app } = await open();
  const email = `linus-${Date.now()}@example.com`;
  await registerInWindow(app.page, email);
  await expect(aalBadge(app.page)).toHaveText('aal1');
  const registrationSubmits = submitCount(app); // one step or two, as the server's form asks
  const token = await main.keychain.store.get(first.url);
  watch.addToken(token);

  // The server disappears; the window gets focus, which re-checks the session.
  await first.stop();
  await main.windowFocused();
  await expect(app.page.getByTestId('banner/unreachable')).toBeVisible();
  expect(await main.keychain.store.get(first.url)).toBe(token);
  // Not an empty page: the last session the server confirmed stays, marked as not current, and who it is.
  const lastKnown = app.page.getByTestId('session');
  await expect(lastKnown).toHaveAttribute('data-stale', 'true');
  await expect(lastKnown.getByRole('heading', { name: 'Your last known session' })).toBeVisible();
  await expect(lastKnown.getByTestId('session/identity')).toContainText(email);
  await expect(app.page.getByTestId('topbar/identity')).toHaveText(`Signed in as ${email}`);

  // Same port, same data: the session still exists there. Retry → signed in, nothing typed.
  await kratosBack();
  await app.page.getByTestId('banner/unreachable/retry').click();
  await expect(aalBadge(app.page)).toHaveText('aal1');
  await expect(app.page.getByTestId('session')).not.toHaveAttribute('data-stale');
  expect(submitCount(app)).toBe(registrationSubmits); // nothing submitted after the registration
});

test('started while Kratos is away with a saved token: the saved sign-in is said, the token kept; when it is back, signed in', async ({
  browser,
}) => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'kd-e2e-emulator-'));
  const {
    open,
    server: first,
    kratosBack,
    client,
    openKeychain,
    watch,
  } = await world.create(browser, {
    dataDir,
  });
  const email = `grace-${Date.now()}@example.com`;
  const token = await registerThroughApi(client, email);
  watch.addToken(token);
  await (await openKeychain()).store.set(first.url, token);
  await first.stop();

  const { main, app } = await open();
  const { page } = app;
  await expect(page.getByTestId('banner/unreachable')).toBeVisible();
  const saved = page.getByTestId('saved-sign-in');
  await expect(saved).toContainText(`This device keeps a sign-in for ${first.url}.`);
  await expect(page.getByTestId('topbar/identity')).toHaveCount(0); // who it is, only the server can say
  expect(await main.keychain.store.get(first.url)).toBe(token);

  await kratosBack();
  await page.getByTestId('banner/unreachable/retry').click();
  await expect(aalBadge(page)).toHaveText('aal1');
  await expect(page.getByTestId('topbar/identity')).toHaveText(`Signed in as ${email}`);
  await expect(saved).toHaveCount(0);
});

test('an expired sign-in flow is replaced; the user submits again and is signed in', async ({ browser }) => {
  // The flow carries a session-token exchange code (social sign-in; both servers hand one out), so the app
  // replaces it with a new flow of its own that shows the replacement's 4010001 message (main/flows/service.ts).
  // Real Kratos cannot be moved in time; its 6 s flow lifespan (flows long enough for the steps between
  // are created right before they are used) expires the flow by waiting instead.
  const clock = serverKind() === 'emulator' ? createManualClock() : undefined;
  const lifespanMs = 6_000; // the replacement must still be fresh when the second submit lands on a loaded machine
  const { open, client, watch, server } = await world.create(browser, {
    clock,
    kratos: { flowLifespan: `${lifespanMs}ms` },
  });
  const email = `barbara-${Date.now()}@example.com`;
  watch.addToken(await registerThroughApi(client, email));

  const { main, app } = await open();
  await expect(app.page.getByTestId('flow/login')).toBeVisible();
  if (clock) clock.advance(server.emulator.config.flowLifespanMs.login + 60_000);
  else await new Promise((resolve) => setTimeout(resolve, lifespanMs + 500));

  await fillAndSubmit(app.page, 'login', { identifier: email, password });
  await expect(app.page.getByTestId('ui/message/4010001')).toBeVisible();
  await expect(app.page.getByTestId('flow/login')).toBeVisible();

  await fillAndSubmit(app.page, 'login', { identifier: email, password });
  await expect(aalBadge(app.page)).toHaveText('aal1');
  watch.addToken(await main.keychain.store.get(server.url));
});

test('the leak watch does find a planted token (the check above can fail)', () => {
  const watch = new LeakWatch();
  watch.addToken('ory_st_planted123');
  watch.add('somewhere', { nested: ['… ory_st_planted123 …'] });
  watch.add('elsewhere', 'clean');
  watch.add('without the prefix', 'token=planted123');
  expect(watch.leaks()).toEqual(['somewhere', 'without the prefix']);
});
