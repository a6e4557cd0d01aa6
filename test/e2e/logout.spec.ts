/**
 * End to end: signing out. The sign-in form after it starts with the email last signed in with (main fills
 * it; only the password is left to type). Signing out while Kratos cannot be reached: The token is deleted on this computer
 * anyway, and the window says in words that the session stays valid on the server until it expires —
 * which the test then proves against the server itself. Real renderer and preload in Chromium, the real
 * main side in-process (support/main-side.ts; memory store, or the keytar OsKeychain under
 * `npm run test:keychain`), the spec-validating emulator or a real Kratos (`e2e-kratos`). The token-leak check runs at the end
 * (support/world.ts).
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { parseTime, formatUtcTime } from '../../main/session/time';
import { aalBadge, fillAndSubmit, password, registerInWindow, signOut } from './support/person';
import { e2eWorld } from './support/world';

const world = e2eWorld();

test('signing out while the server is unreachable: deleted here, and the window says until when it stays valid there', async ({
  browser,
}) => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'kd-e2e-emulator-'));
  const { open, server: first, kratosBack, client, watch } = await world.create(browser, { dataDir });
  const { main, app } = await open();

  await registerInWindow(app.page, `edsger-${Date.now()}@example.com`);
  await expect(aalBadge(app.page)).toHaveText('aal1');
  const token = await main.keychain.store.get(first.url);
  watch.addToken(token);
  const whoami = await client.whoami(token!);
  if (whoami.kind !== 'success') throw new Error(`whoami: ${whoami.kind}`);
  const { id: sessionId, expires_at: expiresAt } = whoami.body;

  // The server goes away; the user signs out.
  await first.stop();
  await app.page.getByTestId('session/logout').click();

  // The sign-in screen (its form cannot load while the server is away), with the notice.
  await expect(app.page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(app.page.getByTestId('notice')).toHaveText(
    new RegExp(
      '^Signed out on this computer, but the session could not be ended on the server: .+ ' +
        `It stays valid there until ${formatUtcTime(parseTime(expiresAt)!)}\\.$`,
    ),
  );
  expect(await main.keychain.store.get(first.url)).toBeNull();

  // The server is back (same port and data): the session was indeed never ended there, as the notice said.
  const back = await kratosBack();
  expect(await back.sessionIsActive(sessionId)).toBe(true);
  expect(await client.whoami(token!)).toMatchObject({ kind: 'success' });
  // This computer stays signed out: the sign-in form loads, no session is shown.
  await app.page.getByRole('button', { name: 'Try again' }).click();
  await expect(app.page.getByTestId('flow/login')).toBeVisible();
  await expect(aalBadge(app.page)).toHaveCount(0);
});

test('after a sign-out the sign-in form remembers the email, never the password, and the focus is on the password', async ({
  browser,
}) => {
  const { open, server, watch } = await world.create(browser);
  const { main, app } = await open();
  const email = `ada-${Date.now()}@example.com`;
  await registerInWindow(app.page, email);
  await signOut(app.page);
  // A sign-up is not a sign-in: the form starts empty.
  await expect(app.page.getByTestId('field/identifier')).toHaveValue('');

  await fillAndSubmit(app.page, 'login', { identifier: email, password });
  await expect(aalBadge(app.page)).toHaveText('aal1');
  watch.addToken(await main.keychain.store.get(server.url));
  await signOut(app.page);

  const form = app.page.getByTestId('flow/login');
  await expect(form.getByTestId('field/identifier')).toHaveValue(email);
  await expect(form.getByTestId('field/password')).toHaveValue('');
  await expect(form.getByTestId('field/password')).toBeFocused();
  // An ordinary field: another account is typed over it.
  await form.getByTestId('field/identifier').fill('');
  await expect(form.getByTestId('field/identifier')).toHaveValue('');
});
