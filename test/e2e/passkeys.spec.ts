/**
 * Passkeys in the window (docs/passkeys.md): a passkey button, "Continue in your browser…", the passkey page
 * in the person's browser (a virtual authenticator), the `kratos-desktop://auth/passkey` link back. On the
 * emulator and, under e2e-kratos, on real Kratos v26.2.0 configured for passkeys (support/passkeys.ts); v1.3.1
 * offers no passkeys in API flows (test/kratos/passkey.test.ts).
 */
import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/audit';
import {
  atThePage,
  confirmBeforeThePage,
  oldPasswordSession,
  passkeyWorld,
  pressPasskey,
  signedInAs,
  signUpWithPasskey,
  shortPrivilegedAgeMs,
  uniqueEmail,
} from './support/passkeys';
import { confirmDialog, fillAndSubmit, openSettings, password, signOut } from './support/person';
import { e2eWorld } from './support/world';

const passkeys = passkeyWorld(e2eWorld());

test('a new person signs up with a passkey, then signs in with it', async ({ browser }) => {
  const app = await passkeys.open(browser);
  const email = uniqueEmail('priya');
  await signUpWithPasskey(app, email);

  await signOut(app.page);
  await pressPasskey(app.page, 'Sign in with passkey');
  await atThePage(app);
  await signedInAs(app, email);
  // The page's address carries the public options only (in its fragment): never the flow id.
  expect(app.running.main.opened).toHaveLength(2);
  for (const opened of app.running.main.opened) expect(opened).not.toContain('flow=');
});

test('Cancel in the window and at the page: the sign-in form is back, with the reason in words', async ({
  browser,
}) => {
  const app = await passkeys.open(browser);
  const { page } = app;
  await pressPasskey(page, 'Sign in with passkey');
  await page.getByTestId('flow/browser-wait/cancel').click();
  await expect(page.getByTestId('flow/login')).toBeVisible();

  await pressPasskey(page, 'Sign in with passkey');
  await atThePage(app, 'cancel');
  await expect(page.getByTestId('flow/login')).toBeVisible();
  await expect(page.getByText('You cancelled the passkey in your browser.')).toBeVisible();
});

test('settings: add a passkey, see each with its name and date, remove one after asking; the last one stays', async ({
  browser,
}) => {
  const app = await passkeys.open(browser);
  const { page } = app;
  await signUpWithPasskey(app, uniqueEmail('omar'));

  await openSettings(page);
  await pressPasskey(page, 'Add passkey');
  await atThePage(app);
  const settings = page.getByTestId('flow/settings');
  await expect(settings).toBeVisible();
  const removes = settings.getByRole('button', { name: /^Remove passkey/ });
  await expect(removes).toHaveCount(2);
  for (const remove of await removes.all()) {
    await expect(remove).toHaveText(/^Remove passkey "unnamed", added .+$/);
  }

  await removes.first().click();
  await confirmDialog(page, 'Remove this passkey?', 'Remove passkey');
  await expect(removes).toHaveCount(1);
  // The only way left to sign in: Kratos offers it disabled, and the window says why.
  await expect(removes).toBeDisabled();
  await expect(settings.getByTestId('field/passkey_remove/note')).toHaveText(
    'This passkey is the only way to sign in to your account, so it cannot be removed. Add another passkey first.',
  );
  await expectAccessible(page, 'settings with one passkey');
});

test('"Add passkey" on an old session: "Confirm it\'s you" first, no page before it; then the page, and the passkey is listed', async ({
  browser,
}) => {
  // The operator says the server's privileged age (privilegedSessionMaxAge): the app knows the session is old
  // before any request (docs/passkeys.md#re-authentication-first).
  const app = await passkeys.open(browser, { privilegedSessionMaxAgeMs: shortPrivilegedAgeMs });
  const { page } = app;
  const email = uniqueEmail('ines');
  await oldPasswordSession(app, email);

  await openSettings(page);
  await page.getByRole('button', { name: 'Add passkey', exact: true }).click();
  await confirmBeforeThePage(app, email);
  await expect(page.getByTestId('confirm-identity/change')).toHaveText(
    'To keep your account safe, confirm it is you before you add a passkey. Then your browser opens to make the new passkey.',
  );
  await expectAccessible(page, '"Confirm it\'s you" before a passkey is added');

  // Confirmed: the window presses "Add passkey" again, and only now the page opens.
  await fillAndSubmit(page, 'login', { password });
  const wait = page.getByTestId('flow/browser-wait');
  await expect(wait.getByRole('heading', { name: 'Continue in your browser…' })).toBeFocused();
  expect(app.running.main.opened).toHaveLength(1);
  await atThePage(app);
  const settings = page.getByTestId('flow/settings');
  await expect(settings).toBeVisible();
  await expect(settings.getByRole('button', { name: /^Remove passkey/ })).toHaveText([
    /^Remove passkey "unnamed", added .+$/,
  ]);
  expect(app.running.main.opened).toHaveLength(1);
});
