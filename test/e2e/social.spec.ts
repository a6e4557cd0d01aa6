/**
 * Social sign-in in the window (docs/social-sign-in.md): a provider button, "Continue in your browser…",
 * the system browser at the provider, the `kratos-desktop://auth/callback` link back, the token exchange.
 * On both servers: the emulator with its own Example IdP pages, and (e2e-kratos) a real Kratos v1.3.1 with a
 * real OpenID Provider (oidc-provider v9, test/support/test-idp.ts) behind the same provider id and name.
 *
 * The system browser is a Chromium of its own (test/support/system-browser.ts) that the app's injected
 * `openExternal` drives; the `kratos-desktop://` link the provider's redirects end at (read at the network
 * level: Chromium reports nothing of a navigation to a custom scheme) is handed to the app's deep-link entry
 * point (`AppCore.followDeepLink`), as the OS does. Both exchange codes join the token-leak check: the init
 * code (read from the flow's creation answer on the wire) and the return code (from the link).
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { request } from 'undici';
import { totpCode } from '../../emulator/domain/totp';
import { isRecord } from '../../shared/is-record';
import { expectAccessible } from './support/audit';
import { messageText } from '../../shared/flow/messages';
import { aalBadge, fillAndSubmit, password, registerThroughApi, signOut } from './support/person';
import { launchSystemBrowser, type SystemBrowser } from '../support/system-browser';
import { startIdpForKratos } from '../support/test-idp';
import { serverKind } from './support/test-server';
import { e2eWorld, type Running, type World } from './support/world';

const world = e2eWorld();

interface Social {
  world: World;
  running: Running;
  page: Page;
  idp: SystemBrowser;
  /** The init codes the server handed out (each also in the leak watch). */
  initCodes: string[];
}

/** The system browsers and OpenID Providers of the running test, stopped after it. */
const stops: (() => Promise<void>)[] = [];
test.afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

async function socialApp(browser: Browser): Promise<Social> {
  // The emulator serves its Example IdP itself; real Kratos needs an OpenID Provider to talk to.
  const provider = serverKind() === 'kratos' ? await startIdpForKratos() : undefined;
  if (provider) stops.push(() => provider.idp.stop());
  const initCodes: string[] = [];
  const created = await world.create(browser, {
    // The init code is in the flow's creation answer only, the token in the exchange's: read on the wire.
    onExchange: ({ body }) => {
      if (!isRecord(body)) return;
      const initCode = body['session_token_exchange_code'];
      if (typeof initCode === 'string') initCodes.push(initCode);
      for (const secret of [initCode, body['session_token']]) {
        if (typeof secret === 'string') created.watch.addToken(secret);
      }
    },
    ...(provider ? { kratos: provider.kratosOptions } : {}),
  });
  const idp = await launchSystemBrowser();
  stops.push(() => idp.close());
  const running = await created.open({ openExternal: idp.openExternal });
  return { world: created, running, page: running.app.page, idp, initCodes };
}

/** Presses "Sign in with Example IdP" (or "Sign up with…") and checks the waiting screen. */
async function pressProvider(page: Page, kind: 'login' | 'registration' = 'login'): Promise<void> {
  await page.getByTestId(`flow/${kind}`).getByTestId('field/provider/example').click();
  const wait = page.getByTestId('flow/browser-wait');
  await expect(wait).toBeVisible();
  await expect(wait.getByRole('heading', { name: 'Continue in your browser…' })).toBeFocused();
  // The title bar and task switcher say what the window waits for, not the form that was left.
  await expect(page).toHaveTitle('Continue in your browser – Kratos Desktop');
  await expect(wait.getByTestId('progress')).toContainText('Waiting for Example IdP');
  await expectAccessible(page, 'the "Continue in your browser" screen');
}

/** What the person does at the provider: a new address, the address of an earlier sign-in, or refuse. */
type AtTheIdp = { email: string } | { returning: string } | 'deny';

/** The person at the provider's pages in their browser; resolves with the link the browser is sent to. */
async function personAtIdp(idp: SystemBrowser, choice: AtTheIdp): Promise<string> {
  if (serverKind() === 'kratos') {
    // oidc-provider's development pages: any login name is an account, and a person it remembers (signed
    // in, consent given) is sent straight back without a page.
    if (choice === 'deny') return idp.signInAtIdp(uniqueEmail('denied'), 'deny');
    if ('returning' in choice) return idp.nextDeepLink();
    return idp.signInAtIdp(choice.email);
  }
  return idp.atExampleIdp(choice);
}

/**
 * The person at the provider; the link the browser is sent back with goes to the app as the OS hands it
 * over. The link carries a return code, or (`linking`) the account-linking flow of an address that already
 * has an account.
 */
async function atTheIdp(
  social: Social,
  choice: AtTheIdp,
  back: 'code' | 'linking' = 'code',
): Promise<string> {
  const url = await personAtIdp(social.idp, choice);
  // Every shape keeps the sign-in's value (s) of the flow's return_to (issue 21).
  const link = new URL(url);
  expect(`${link.protocol}//${link.host}${link.pathname}`).toBe('kratos-desktop://auth/callback');
  expect(link.searchParams.get('s')).toMatch(/^[\w-]{32}$/);
  const { s: _value, ...query } = Object.fromEntries(link.searchParams);
  // Like Kratos v1.3.1, a refused sign-in comes back without a code (the reason is in the flow).
  if (choice === 'deny') expect(query).toEqual({});
  else if (back === 'linking')
    expect(query).toEqual({ flow: expect.stringMatching(/^[0-9a-f-]{36}$/), no_org_ui: 'true' });
  else {
    expect(query).toEqual({ code: expect.stringMatching(/^[A-Za-z0-9]{64}$/) });
    social.world.watch.addToken(query.code);
  }
  // The leak check also searches for the init code of the flow the provider was pressed on.
  expect(social.initCodes.length).toBeGreaterThan(0);
  await social.running.main.core.followDeepLink(url).settled;
  return url;
}

const signedInAs = async (page: Page, email: string) => {
  await expect(aalBadge(page)).toBeVisible();
  await expect(page.getByTestId('topbar/identity')).toContainText(email);
};

/**
 * What main answered the provider button with once the browser part ended: the message of its last `done`
 * answer over IPC (each answer arrives as `{ ok: true, value }`).
 */
function lastDoneMessage(running: Running): unknown {
  const done = running.app.messagesToRenderer
    .map((answer) => (isRecord(answer) && isRecord(answer['value']) ? answer['value'] : undefined))
    .filter((value) => value?.['kind'] === 'done');
  return done.at(-1)?.['message'];
}

const created = 'Your account was created and you are signed in.';

/** The identity the app is signed in as, asked of Kratos with the token in the app's secret store. */
async function identityOf(social: Social): Promise<string> {
  const token = await social.running.main.keychain.store.get(social.world.server.url);
  social.world.watch.addToken(token);
  const session = await social.world.client.whoami(token ?? '');
  if (session.kind !== 'success') throw new Error(`whoami: ${session.kind}`);
  return session.body.identity?.id ?? '';
}

const uniqueEmail = (who: string) =>
  `${who}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@example.org`;

test('a new person signs up through the provider from the sign-in screen and is signed in; the browser can be opened again', async ({
  browser,
}) => {
  const social = await socialApp(browser);
  const { page, running } = social;
  await expect(page.getByTestId('flow/login')).toBeVisible();
  await pressProvider(page);
  expect(running.main.opened).toHaveLength(1);

  await page.getByTestId('flow/browser-wait/reopen').click();
  await expect(page.getByTestId('flow/browser-wait/result')).toHaveText('The sign-in page was opened again.');
  expect(running.main.opened).toEqual([running.main.opened[0], running.main.opened[0]]);

  const email = uniqueEmail('sunita');
  await atTheIdp(social, { email });
  await signedInAs(page, email);
  await expect(aalBadge(page)).toHaveText('aal1');
  // Kratos registered the person from the sign-in screen: the app says so.
  await expect.poll(() => lastDoneMessage(running)).toBe(created);
  expect(await identityOf(social)).not.toBe('');
});

test('the order people know: providers, "or", then address and password; step 2 of a sign-up offers no provider again', async ({
  browser,
}) => {
  const { page } = await socialApp(browser);
  const login = page.getByTestId('flow/login');
  const seen = (form: typeof login) =>
    form
      .locator('button, input:not([type="hidden"]), [data-testid="flow/or"]')
      .evaluateAll((elements) => elements.map((element) => element.getAttribute('data-testid')));
  await expect(login.getByTestId('field/identifier')).toBeFocused();
  expect(await seen(login)).toEqual([
    'field/provider/example',
    'flow/or',
    'field/identifier',
    'field/password',
    'field/password/show',
    'field/method/password',
  ]);
  // Tab from the address reaches the password, not a provider.
  await page.keyboard.press('Tab');
  await expect(login.getByTestId('field/password')).toBeFocused();

  await page.getByTestId('nav/registration').click();
  const registration = page.getByTestId('flow/registration');
  await expect(registration.getByTestId('field/provider/example')).toBeVisible();
  const email = uniqueEmail('ines');
  await fillAndSubmit(page, 'registration', { 'traits.email': email }, 'method/profile');
  await expect(registration.getByTestId('flow/step')).toContainText(`Step 2 of 2 · ${email}`);
  await expect(registration.getByTestId('field/password')).toBeFocused();
  await expect(registration.getByTestId('field/provider/example')).toHaveCount(0);
  await expectAccessible(page, 'step 2 of a sign-up with a provider configured');
});

test('a returning person signs in with the address used before, from either screen', async ({ browser }) => {
  const social = await socialApp(browser);
  const { page, running } = social;
  const email = uniqueEmail('ravi');
  await pressProvider(page);
  await atTheIdp(social, { email });
  await signedInAs(page, email);
  const identity = await identityOf(social);

  await signOut(page);
  await pressProvider(page);
  await atTheIdp(social, { returning: email });
  await signedInAs(page, email);
  await expect.poll(() => lastDoneMessage(running)).toBe('Signed in.');
  // One identity: the provider's subject found the account the first sign-in created.
  expect(await identityOf(social)).toBe(identity);

  // The sign-up screen's provider button signs a known person in: no new account, and the app says so.
  await signOut(page);
  await page.getByTestId('nav/registration').click();
  await pressProvider(page, 'registration');
  await atTheIdp(social, { returning: email });
  await signedInAs(page, email);
  await expect.poll(() => lastDoneMessage(running)).toBe('Signed in.');
  expect(await identityOf(social)).toBe(identity);
});

test('an account with an authenticator app goes on to the second factor after the provider', async ({
  browser,
}) => {
  const social = await socialApp(browser);
  const { page, world: w } = social;
  const email = uniqueEmail('ines');
  await pressProvider(page);
  await atTheIdp(social, { email });
  await signedInAs(page, email);
  const token = (await social.running.main.keychain.store.get(w.server.url))!;
  w.watch.addToken(token);
  const secret = await linkTotpThroughApi(w.server.url, token, () => w.server.now());

  await signOut(page);
  await pressProvider(page);
  await atTheIdp(social, { returning: email });
  const login = page.getByTestId('flow/login');
  await expect(login.getByTestId('field/totp_code')).toBeVisible();
  await fillAndSubmit(page, 'login', { totp_code: await totpCode(secret, w.server.now()) }, 'method/totp');
  await expect(aalBadge(page)).toHaveText('aal2');
  await identityOf(social);
});

test('Cancel shows the sign-in form again; the browser coming back afterwards is ignored with a note', async ({
  browser,
}) => {
  const social = await socialApp(browser);
  const { page } = social;
  await pressProvider(page);
  await page.getByTestId('flow/browser-wait/cancel').click();
  const login = page.getByTestId('flow/login');
  await expect(login.getByTestId('field/provider/example')).toBeVisible();
  await expect(page.getByTestId('flow/browser-wait')).toHaveCount(0);
  await expect(page).toHaveTitle('Sign in – Kratos Desktop'); // the form's title back with the form

  await atTheIdp(social, { email: uniqueEmail('late') });
  await expect(page.getByTestId('notice')).toContainText('after you cancelled that sign-in');
  await expect(login).toBeVisible();
  await expect(aalBadge(page)).toHaveCount(0);
});

test("a link with a wrong code, or an earlier sign-in's, is ignored with a note, and the sign-in still finishes", async ({
  browser,
}) => {
  const social = await socialApp(browser);
  const { page, running } = social;
  const email = uniqueEmail('stale-code');
  await pressProvider(page);
  const earlier = await atTheIdp(social, { email });
  await signedInAs(page, email);
  await identityOf(social);
  await signOut(page);

  await pressProvider(page);
  // The app waits for a link once the browser has the provider's page; until then a link finds nothing
  // pending (and is ignored as well): sent until the app says the link belongs to no sign-in of its own.
  // A made-up link cannot carry this sign-in's value (issue 21).
  const wrong = `kratos-desktop://auth/callback?s=${'W'.repeat(32)}&code=${'W'.repeat(64)}`;
  await expect
    .poll(async () => {
      await running.main.core.followDeepLink(wrong).settled;
      return page.getByTestId('notice').textContent();
    })
    .toContain('belongs to no sign-in this app started');
  // The earlier sign-in's link is real, but carries that sign-in's value.
  await running.main.core.followDeepLink(`${earlier}`).settled;
  await expect(page.getByTestId('notice')).toContainText('belongs to no sign-in this app started');
  await expect(page.getByTestId('flow/browser-wait')).toBeVisible();
  await expect(aalBadge(page)).toHaveCount(0);

  await atTheIdp(social, { returning: email });
  await signedInAs(page, email);
  await identityOf(social);
});

test('a link while no sign-in waits for the browser is ignored with a note', async ({ browser }) => {
  const { page, running } = await socialApp(browser);
  await expect(page.getByTestId('flow/login')).toBeVisible();
  const followed = running.main.core.followDeepLink(
    `kratos-desktop://auth/callback?s=${'N'.repeat(32)}&code=${'N'.repeat(64)}`,
  );
  await followed.settled;
  await expect(page.getByTestId('notice')).toContainText(
    'no sign-in through the browser is in progress, so it was ignored',
  );
  await expect(page.getByTestId('flow/login')).toBeVisible();
});

test('refusing at the provider shows why, in words, on the sign-in form again', async ({ browser }) => {
  const social = await socialApp(browser);
  const { page } = social;
  await pressProvider(page);
  await atTheIdp(social, 'deny');
  const login = page.getByTestId('flow/login');
  await expect(login.getByTestId('ui/message/4000001')).toHaveText(
    'The sign-in at the provider was declined, so you are not signed in. To try again, choose the provider once more, or sign in another way.',
  );
  await expect(login.getByTestId('field/provider/example')).toBeVisible();
  await expect(aalBadge(page)).toHaveCount(0);
});

test('signing up from the registration screen works the same way', async ({ browser }) => {
  const social = await socialApp(browser);
  const { page, running } = social;
  await page.getByTestId('nav/registration').click();
  await pressProvider(page, 'registration');
  const email = uniqueEmail('reg');
  await atTheIdp(social, { email });
  await signedInAs(page, email);
  await expect.poll(() => lastDoneMessage(running)).toBe(created);
  await identityOf(social);
});

test('an address that already has a password account: sign in to it once to link the provider, which then signs in alone', async ({
  browser,
}) => {
  const social = await socialApp(browser);
  const { page, world: w } = social;
  const email = uniqueEmail('linking');
  w.watch.addToken(await registerThroughApi(w.client, email));

  await pressProvider(page);
  await atTheIdp(social, { email }, 'linking');
  // Kratos's account-linking flow (1010016), in the app's words: the password of the existing account.
  const login = page.getByTestId('flow/login');
  await expect(login.getByTestId('ui/message/1010016')).toHaveText(
    messageText({ id: 1010016, text: '', context: { duplicateIdentifier: email, provider: 'Example IdP' } }),
  );
  await fillAndSubmit(page, 'login', { password });
  await signedInAs(page, email);
  await expect.poll(() => lastDoneMessage(social.running)).toBe('Signed in.');
  const identity = await identityOf(social);

  // Linked: from now on the provider alone signs in to that account.
  await signOut(page);
  await pressProvider(page);
  await atTheIdp(social, { returning: email });
  await signedInAs(page, email);
  expect(await identityOf(social)).toBe(identity);
});

/** "Another device" links an authenticator app with the person's token; returns its secret. */
async function linkTotpThroughApi(url: string, token: string, now: () => Date): Promise<string> {
  const headers = { Accept: 'application/json', 'X-Session-Token': token };
  const flow = (await (
    await request(`${url}/self-service/settings/api`, { headers })
  ).body.json()) as SettingsFlow;
  const secretNode = flow.ui.nodes.find((n) => n.attributes.id === 'totp_secret_key');
  const secret = secretNode?.attributes.text?.context?.secret;
  if (typeof secret !== 'string') throw new Error('the settings flow offers no TOTP setup');
  const linked = await request(flow.ui.action, {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: JSON.stringify({ method: 'totp', totp_code: await totpCode(secret, now()) }),
  });
  await linked.body.text();
  expect(linked.statusCode).toBe(200);
  return secret;
}

interface SettingsFlow {
  ui: {
    action: string;
    nodes: { attributes: { id?: string; text?: { context?: { secret?: unknown } } } }[];
  };
}
