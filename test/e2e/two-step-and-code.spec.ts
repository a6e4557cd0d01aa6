/**
 * End to end: what current Kratos sends and a native client must handle without special code, through the
 * real renderer in Chromium and the real main side:
 * - two-step registration: the traits first ("Step 1 of 2", "Continue"), then the credentials screen with the
 *   traits kept as hidden inputs ("Step 2 of 2 · address · Change", the password focused); "Change" (Kratos's
 *   "Back") returns to the traits with what was typed;
 * - passwordless sign-in with a one-time email code (`passwordless_enabled`), including "Resend code".
 * The person's mailbox is the server's (the emulator's outbox, real Kratos's courier). Every scenario runs the
 * token-leak check when it ends.
 */
import { expect, test } from '@playwright/test';
import {
  aalBadge,
  fillAndSubmit,
  messageWords as text,
  password,
  passwordLoginThroughApi,
  registerThroughApi,
} from './support/person';
import { e2eWorld } from './support/world';

const world = e2eWorld();

test('sign-up in two steps: traits, Back keeps them, then the password; signed in', async ({ browser }) => {
  const { open, server, client, watch } = await world.create(browser);
  const { main, app } = await open();
  const { page } = app;
  const email = `barbara-${Date.now()}@example.com`;
  const form = page.getByTestId('flow/registration');

  await page.getByTestId('nav/registration').click();
  // The first screen asks for the traits only.
  await expect(form.getByTestId('field/traits.email')).toBeVisible();
  await expect(form.getByTestId('field/password')).toHaveCount(0);
  // Step 1 says so; its button only opens step 2.
  await expect(form.getByTestId('flow/step')).toHaveText('Step 1 of 2');
  await expect(form.getByTestId('field/method/profile')).toHaveText('Continue');
  await fillAndSubmit(page, 'registration', { 'traits.email': email }, 'method/profile');

  // Kratos asks for a credential: step 2 names the address with "Change", the password first and focused,
  // in the app's words (not Kratos's "Please choose a credential…" at the bottom).
  await expect(form.getByTestId('flow/step')).toContainText(`Step 2 of 2 · ${email}`);
  await expect(form.getByTestId('flow/intro')).toHaveText('Last step: choose a password for your account.');
  await expect(page.getByTestId('ui/message/1040009')).toHaveCount(0);
  await expect(form.getByTestId('field/password')).toBeFocused();
  await expect(form.getByRole('textbox', { name: /mail/i })).toHaveCount(0);

  // "Change" (Kratos's Back): the traits screen again, with the address as typed, in the same flow.
  await form.getByTestId('flow/step').getByRole('button', { name: 'Change' }).click();
  await expect(form.getByTestId('field/traits.email')).toHaveValue(email);
  await expect(form.getByTestId('field/password')).toHaveCount(0);

  await fillAndSubmit(page, 'registration', {}, 'method/profile');
  await fillAndSubmit(page, 'registration', { password });
  // Kratos v1.3.1 follows a sign-up with show_verification_ui (current Kratos and the emulator do not): the
  // app opens the email-code step; the session is there all the same.
  const verification = page.getByTestId('flow/verification');
  await expect(aalBadge(page).or(verification)).toBeVisible();
  if (await verification.isVisible()) await page.getByTestId('nav/session').click();
  await expect(aalBadge(page)).toHaveText('aal1');
  const token = await main.keychain.store.get(server.url);
  watch.addToken(token);
  expect(token).toMatch(/^ory_st_/);

  // The account exists with that address and password.
  const again = await passwordLoginThroughApi(client, email);
  watch.addToken(again.token);
  const submits = app.invocations.filter(({ channel }) => channel === 'kratos:submitFlow');
  expect(submits.map(({ args }) => (args[0] as { values: Record<string, unknown> }).values)).toEqual([
    { traits: { email }, method: 'profile' },
    { traits: { email }, screen: 'previous' },
    { traits: { email }, method: 'profile' },
    { traits: { email }, password, method: 'password' },
  ]);
});

test('passwordless sign-in with an email code, after asking for a new one', async ({ browser }) => {
  const { open, server, client, watch } = await world.create(browser, {
    config: { codePasswordless: true },
  });
  const loginCodes = () => server.mailedCodes(email, 'login');
  const email = `grace-${Date.now()}@example.com`;
  watch.addToken(await registerThroughApi(client, email));
  const { main, app } = await open();
  const { page } = app;

  await fillAndSubmit(page, 'login', { identifier: email }, 'method/code');
  // The message names the address the code went to.
  await expect(page.getByTestId('ui/message/1010014')).toHaveText(text(1010014, { sent_to: email }));
  const form = page.getByTestId('flow/login');
  await expect(form.getByTestId('field/code')).toBeVisible();
  expect(await loginCodes()).toHaveLength(1);

  // "Resend code": a second mail; the newest code is the one to type.
  await form.getByTestId('field/resend/code').click();
  await expect.poll(async () => (await loginCodes()).length).toBe(2);

  // A wrong code is refused in words; the form stays.
  const newest = (await loginCodes()).at(-1)!;
  await fillAndSubmit(page, 'login', { code: newest === '000000' ? '111111' : '000000' }, 'method/code');
  await expect(page.getByTestId('ui/message/4010008')).toHaveText(text(4010008));

  await fillAndSubmit(page, 'login', { code: newest }, 'method/code');
  await expect(aalBadge(page)).toHaveText('aal1');
  const token = await main.keychain.store.get(server.url);
  watch.addToken(token);
  expect(token).toMatch(/^ory_st_/);
});
