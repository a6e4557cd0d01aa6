/**
 * The passkey page's way back in the window, where it goes wrong or twice (docs/passkeys.md, "In the
 * window"): "Open the browser again" while a ceremony waits, the same credential link delivered again after
 * it signed the person in, and links that belong to no ceremony of this app — with nothing pending, or for
 * another challenge while one waits. As for social sign-in (social.spec.ts): each is ignored with a note in
 * words and changes nothing; the real link still finishes. On the emulator and, under e2e-kratos, on real
 * Kratos v26.2.0 configured for passkeys (support/passkeys.ts).
 */
import { expect, test } from '@playwright/test';
import type { Exchange } from '../../emulator/index';
import {
  atThePage,
  enterSignUpAddress,
  passkeyWorld,
  pressPasskey,
  signedInAs,
  signUpWithPasskey,
  uniqueEmail,
  type PasskeyApp,
} from './support/passkeys';
import { aalBadge, signOut } from './support/person';
import { e2eWorld } from './support/world';

const passkeys = passkeyWorld(e2eWorld());

/**
 * A well-formed credential link for `challenge` that no ceremony of this app asked for: what a page elsewhere
 * or an earlier ceremony could send. Its credential is not a real one: the app must not get as far as
 * sending it.
 */
function foreignCredentialLink(challenge: string): string {
  const clientDataJSON = Buffer.from(
    JSON.stringify({ type: 'webauthn.get', challenge, origin: 'http://localhost' }),
  ).toString('base64url');
  const credential = {
    id: 'Zm9yZWlnbg',
    rawId: 'Zm9yZWlnbg',
    type: 'public-key',
    response: { clientDataJSON },
  };
  const encoded = Buffer.from(JSON.stringify(credential)).toString('base64url');
  return `kratos-desktop://auth/passkey?challenge=${challenge}&credential=${encoded}`;
}

/** Hands `link` to the app as the OS would, and waits until it has been dealt with. */
async function deliver(app: PasskeyApp, link: string): Promise<void> {
  const followed = app.running.main.core.followDeepLink(link);
  expect(followed.accepted).toBe(true);
  await followed.settled;
}

/** The requests the app sent to Kratos so far (the flow submits among them). */
function recordRequests(): { onExchange: (exchange: Exchange) => void; sent: () => string[] } {
  const requests: string[] = [];
  return {
    onExchange: (exchange) => requests.push(`${exchange.method} ${exchange.path.split('?')[0]}`),
    sent: () => [...requests],
  };
}

const flowSubmits = (requests: string[]) => requests.filter((request) => request.startsWith('POST '));

test('"Open the browser again" opens the same passkey page again; that one ceremony signs the person up', async ({
  browser,
}) => {
  const app = await passkeys.open(browser);
  const { page } = app;
  const email = uniqueEmail('reopen');
  await enterSignUpAddress(page, email);
  await pressPasskey(page, 'Sign up with passkey');
  expect(app.running.main.opened).toHaveLength(1);

  await page.getByTestId('flow/browser-wait/reopen').click();
  await expect(page.getByTestId('flow/browser-wait/result')).toHaveText('The sign-in page was opened again.');
  // The same address, with the same challenge: still one ceremony, not a second one.
  expect(app.running.main.opened).toEqual([app.running.main.opened[0], app.running.main.opened[0]]);
  await expect(page.getByTestId('flow/browser-wait')).toBeVisible();

  // The page opened again (the newest tab) finishes the ceremony that waits.
  await atThePage(app);
  await signedInAs(app, email);
});

test('the same credential link again after it signed the person in is ignored with a note; nothing changes', async ({
  browser,
}) => {
  const requests = recordRequests();
  const app = await passkeys.open(browser, { onExchange: requests.onExchange });
  const { page } = app;
  const email = uniqueEmail('replay');
  await signUpWithPasskey(app, email);
  await signOut(page);
  await pressPasskey(page, 'Sign in with passkey');
  const link = await atThePage(app);
  await signedInAs(app, email);
  const token = await app.running.main.keychain.store.get(app.world.server.url);
  const submitted = flowSubmits(requests.sent());

  await deliver(app, link);
  await expect(page.getByTestId('notice')).toHaveText(
    'A sign-in link from the browser arrived again; you are already past that step, so it was ignored.',
  );
  // Still signed in with the same session, and the assertion was not sent to Kratos a second time.
  await expect(aalBadge(page)).toHaveText('aal1');
  await expect(page.getByTestId('topbar/identity')).toContainText(email);
  expect(await app.running.main.keychain.store.get(app.world.server.url)).toBe(token);
  expect(flowSubmits(requests.sent())).toEqual(submitted);
});

test('a link with nothing pending, or for another challenge while a ceremony waits, is ignored with a note; the wait goes on', async ({
  browser,
}) => {
  const requests = recordRequests();
  const app = await passkeys.open(browser, { onExchange: requests.onExchange });
  const { page } = app;
  await expect(page.getByTestId('flow/login')).toBeVisible();

  // Nothing pending: the sign-in form stays, nobody is signed in, nothing is sent.
  const before = flowSubmits(requests.sent());
  await deliver(app, foreignCredentialLink('bm90aGluZy1wZW5kaW5n'));
  await expect(page.getByTestId('notice')).toHaveText(
    'A sign-in link from the browser arrived, but no sign-in through the browser is in progress, so it was ignored.',
  );
  await expect(page.getByTestId('flow/login')).toBeVisible();
  expect(flowSubmits(requests.sent())).toEqual(before);

  // While a sign-up's ceremony waits, a credential for another challenge: ignored, and the wait goes on.
  const email = uniqueEmail('foreign');
  await enterSignUpAddress(page, email);
  await pressPasskey(page, 'Sign up with passkey');
  const waiting = flowSubmits(requests.sent());
  await deliver(app, foreignCredentialLink('YW5vdGhlci1jaGFsbGVuZ2U'));
  await expect(page.getByTestId('notice')).toHaveText(
    'A sign-in link arrived that belongs to no sign-in this app started, so it was ignored.',
  );
  await expect(page.getByTestId('flow/browser-wait')).toBeVisible();
  await expect(aalBadge(page)).toHaveCount(0);
  expect(flowSubmits(requests.sent())).toEqual(waiting);

  // The real link still finishes the sign-up.
  await atThePage(app);
  await signedInAs(app, email);
});
