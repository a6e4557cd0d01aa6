/**
 * End to end: a server that signs people in only once their address is verified (Kratos's
 * `require_verified_address` login hook, v25.4+). The right password is answered with 403
 * `session_verified_address_required` naming a verification flow whose code Kratos already sent; the window
 * shows that flow, and once the code is in, the same sign-in form again, where the person signs in. On the
 * emulator (`loginRequireVerifiedAddress`) and on real Kratos v26.2.0 (`e2e-kratos`) with the same hook.
 */
import { expect, test } from '@playwright/test';
import { aalBadge, fillAndSubmit, password, registerThroughApi } from './support/person';
import { e2eWorld } from './support/world';

const world = e2eWorld();

test('a sign-in with an unverified address: the code Kratos sent verifies it, then the same sign-in form signs in', async ({
  browser,
}) => {
  const { open, server, client, watch } = await world.create(browser, {
    config: { loginRequireVerifiedAddress: true },
  });
  const email = `unverified-${Date.now()}@example.com`;
  watch.addToken(await registerThroughApi(client, email));
  // The sign-up mailed a code already (Kratos's verification hook after registration); the sign-in sends another.
  const mailedAtSignUp = (await server.mailedCodes(email, 'verification')).length;
  const { main, app } = await open();
  const { page } = app;

  await fillAndSubmit(page, 'login', { identifier: email, password });

  // The verification step, with the code already on its way and where it went.
  const verification = page.getByTestId('flow/verification');
  await expect(verification.getByTestId('field/code')).toBeVisible();
  await expect(page.getByTestId('flow/done')).toHaveText(
    'This server signs you in only once your email address is verified. Enter the code that was just sent to it.',
  );
  await expect(page.getByTestId('ui/message/1080003')).toContainText(email);
  expect(await main.keychain.store.get(server.url)).toBeNull();
  const sent = await server.mailedCodes(email, 'verification');
  expect(sent).toHaveLength(mailedAtSignUp + 1);

  // A wrong code keeps the step; the right one brings the sign-in form back, saying why.
  await fillAndSubmit(page, 'verification', { code: '000000' }, 'method/code');
  await expect(page.getByTestId('ui/message/4070006')).toBeVisible();
  await fillAndSubmit(page, 'verification', { code: sent.at(-1)! }, 'method/code');
  const login = page.getByTestId('flow/login');
  await expect(login).toBeVisible();
  await expect(page.getByTestId('flow/done')).toHaveText(
    'Your address is verified. Sign in again to continue.',
  );

  await fillAndSubmit(page, 'login', { identifier: email, password });
  await expect(aalBadge(page)).toBeVisible();
  const token = await main.keychain.store.get(server.url);
  expect(token).toMatch(/^ory_st_/);
  watch.addToken(token);
  // The address is verified now: the session screen offers no "Verify now" for it.
  await expect(page.getByTestId('session/identity')).toContainText(email);
  await expect(page.getByTestId(`session/verify/${email}`)).toHaveCount(0);
});
