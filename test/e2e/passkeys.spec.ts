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
  passkeyWorld,
  pressPasskey,
  signedInAs,
  signUpWithPasskey,
  uniqueEmail,
} from './support/passkeys';
import { confirmDialog, openSettings, signOut } from './support/person';
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
