/**
 * Social sign-in in the window (docs/social-sign-in.md): a provider button, "Continue in your browser…",
 * the system browser at the provider, the `kratos-desktop://auth/callback` link back, the token exchange.
 *
 * The system browser is a Chromium of its own (test/support/system-browser.ts) that the app's injected
 * `openExternal` drives; the `kratos-desktop://` link the provider's redirects end at (read at the network
 * level: Chromium reports nothing of a navigation to a custom scheme) is handed to the app's deep-link entry
 * point (`AppCore.followDeepLink`), as the OS does. Both exchange codes join the token-leak check: the init
 * code (read from the flow's creation answer on the wire) and the return code (from the link).
 *
 * Emulator only for now: on real Kratos these scenarios need an OpenID Provider for Kratos to talk to, which
 * the real-Kratos harness does not start yet (the social-kratos work adds one with `oidc-provider`).
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { request } from 'undici';
import { totpCode } from '../../emulator/domain/totp';
import { expectAccessible } from './support/audit';
import { aalBadge, fillAndSubmit, signOut } from './support/person';
import { launchSystemBrowser, type SystemBrowser } from '../support/system-browser';
import { emulatorOnly } from './support/test-server';
import { e2eWorld, type Running, type World } from './support/world';

const world = e2eWorld();

interface Social {
  world: World;
  running: Running;
  page: Page;
  idp: SystemBrowser;
  /** Every init code the server handed out so far (for the leak check). */
  initCodes: string[];
}

async function socialApp(browser: Browser): Promise<Social> {
  emulatorOnly('social sign-in on real Kratos needs an OpenID Provider the harness does not start yet');
  const initCodes: string[] = [];
  const created = await world.create(browser, {
    // The init code is in the flow's creation answer only: read it on the wire, for the leak check.
    onExchange: ({ body }) => {
      const code = (body as { session_token_exchange_code?: unknown } | undefined)
        ?.session_token_exchange_code;
      if (typeof code !== 'string') return;
      initCodes.push(code);
      created.watch.addToken(code);
    },
  });
  const idp = await launchSystemBrowser();
  browsers.push(idp);
  const running = await created.open({ openExternal: idp.openExternal });
  return { world: created, running, page: running.app.page, idp, initCodes };
}

const browsers: SystemBrowser[] = [];
test.afterEach(async () => {
  for (const idp of browsers.splice(0)) await idp.close();
});

/** Presses "Sign in with Example IdP" (or "Sign up with…") and checks the waiting screen. */
async function pressProvider(page: Page, kind: 'login' | 'registration' = 'login'): Promise<void> {
  await page.getByTestId(`flow/${kind}`).getByTestId('field/provider/example').click();
  const wait = page.getByTestId('flow/browser-wait');
  await expect(wait).toBeVisible();
  await expect(wait.getByRole('heading', { name: 'Continue in your browser…' })).toBeFocused();
  await expect(wait.getByTestId('progress')).toContainText('Waiting for Example IdP');
  await expectAccessible(page, 'the "Continue in your browser" screen');
}

/**
 * The person at Example IdP in their browser: a new address, an address used before, or Deny. The link the
 * browser is sent to at the end goes to the app as the OS hands it over; resolves once the app acted on it.
 */
async function atTheIdp(
  social: Social,
  choice: { email: string } | { returning: string } | 'deny',
): Promise<void> {
  const page = await social.idp.page();
  await expect(page.getByRole('heading', { name: 'Sign in to Example IdP' })).toBeVisible();
  const link = social.idp.nextDeepLink();
  if (choice === 'deny') await page.getByRole('button', { name: 'Deny' }).click();
  else if ('returning' in choice)
    await page.getByRole('button', { name: `Sign in to Example IdP as ${choice.returning}` }).click();
  else {
    await page.getByLabel('Email address').fill(choice.email);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  }
  const url = await link;
  // Like Kratos, a denied sign-in comes back without a code (the reason is in the flow).
  if (choice === 'deny') expect(url).toBe('kratos-desktop://auth/callback');
  else {
    expect(url).toMatch(/^kratos-desktop:\/\/auth\/callback\?code=[A-Za-z0-9]{64}$/);
    social.world.watch.addToken(new URL(url).searchParams.get('code'));
  }
  await social.running.main.core.followDeepLink(url).settled;
}

const signedInAs = async (page: Page, email: string) => {
  await expect(aalBadge(page)).toBeVisible();
  await expect(page.getByTestId('topbar/identity')).toContainText(email);
};

const uniqueEmail = (who: string) => `${who}-${Date.now()}@example.org`;

test('a new person signs up through the provider and is signed in; the browser can be opened again', async ({
  browser,
}) => {
  const social = await socialApp(browser);
  const { page, running, world: w } = social;
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
  w.watch.addToken(await running.main.keychain.store.get(w.server.url));
});

test('a returning person signs in with the address used before', async ({ browser }) => {
  const social = await socialApp(browser);
  const { page, running, world: w } = social;
  const email = uniqueEmail('ravi');
  await pressProvider(page);
  await atTheIdp(social, { email });
  await signedInAs(page, email);
  const first = await running.main.keychain.store.get(w.server.url);
  w.watch.addToken(first);

  await signOut(page);
  await pressProvider(page);
  await atTheIdp(social, { returning: email });
  await signedInAs(page, email);
  const second = await running.main.keychain.store.get(w.server.url);
  expect(second).not.toBe(first);
  w.watch.addToken(second);
  // One identity: the provider's subject found the account the first sign-in created.
  expect(w.server.emulator.identities()).toHaveLength(1);
});

test('an account with an authenticator app goes on to the second factor after the provider', async ({
  browser,
}) => {
  const social = await socialApp(browser);
  const { page, running, world: w } = social;
  const email = uniqueEmail('ines');
  await pressProvider(page);
  await atTheIdp(social, { email });
  await signedInAs(page, email);
  const token = (await running.main.keychain.store.get(w.server.url))!;
  w.watch.addToken(token);
  const secret = await linkTotpThroughApi(w.server.url, token, () => w.server.now());

  await signOut(page);
  await pressProvider(page);
  await atTheIdp(social, { returning: email });
  const login = page.getByTestId('flow/login');
  await expect(login.getByTestId('field/totp_code')).toBeVisible();
  await fillAndSubmit(page, 'login', { totp_code: await totpCode(secret, w.server.now()) }, 'method/totp');
  await expect(aalBadge(page)).toHaveText('aal2');
  w.watch.addToken(await running.main.keychain.store.get(w.server.url));
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

  await atTheIdp(social, { email: uniqueEmail('late') });
  await expect(page.getByTestId('notice')).toContainText('after you cancelled that sign-in');
  await expect(login).toBeVisible();
  await expect(aalBadge(page)).toHaveCount(0);
});

test('a link with a wrong code is ignored with a note, and the sign-in still finishes', async ({
  browser,
}) => {
  const social = await socialApp(browser);
  const { page, running, world: w } = social;
  await pressProvider(page);
  // The app waits for a link once the browser has the provider's page; until then a link finds nothing
  // pending (and is ignored as well): sent until the app says the code does not finish this sign-in.
  const wrong = `kratos-desktop://auth/callback?code=${'W'.repeat(64)}`;
  await expect
    .poll(async () => {
      await running.main.core.followDeepLink(wrong).settled;
      return page.getByTestId('notice').textContent();
    })
    .toContain('does not finish this sign-in');
  await expect(page.getByTestId('flow/browser-wait')).toBeVisible();

  const email = uniqueEmail('wrong-code');
  await atTheIdp(social, { email });
  await signedInAs(page, email);
  w.watch.addToken(await running.main.keychain.store.get(w.server.url));
});

test('a link while no sign-in waits for the browser is ignored with a note', async ({ browser }) => {
  const { page, running } = await socialApp(browser);
  await expect(page.getByTestId('flow/login')).toBeVisible();
  const followed = running.main.core.followDeepLink(`kratos-desktop://auth/callback?code=${'N'.repeat(64)}`);
  await followed.settled;
  await expect(page.getByTestId('notice')).toContainText(
    'no sign-in through the browser is in progress, so it was ignored',
  );
  await expect(page.getByTestId('flow/login')).toBeVisible();
});

test('denying at the provider shows why, on the sign-in form again', async ({ browser }) => {
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
  const { page, running, world: w } = social;
  await page.getByTestId('nav/registration').click();
  await pressProvider(page, 'registration');
  const email = uniqueEmail('reg');
  await atTheIdp(social, { email });
  await signedInAs(page, email);
  w.watch.addToken(await running.main.keychain.store.get(w.server.url));
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
