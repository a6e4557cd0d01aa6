/**
 * End to end: "Forgot password?" and "Verify email" from the sign-in screen, through the real
 * renderer in Chromium and the real main side, against the spec-validating emulator or a real Kratos
 * (`e2e-kratos`). The person's mailbox is the emulator's test outbox, or Kratos's courier.
 *
 * Every scenario runs the token-leak check when it ends (support/world.ts).
 */
import { expect, test, type Page } from '@playwright/test';
import {
  aalBadge,
  authenticatorCode,
  fillAndSubmit,
  messageWords as text,
  password,
  registerThroughApi,
  submitPasswordLogin,
} from './support/person';
import type { CodeKind, TestServer } from './support/test-server';
import { isTextNode } from '../../shared/kratos-wire';
import { e2eWorld } from './support/world';

const world = e2eWorld();

/** The newest code of `kind` mailed to `to` (the emulator's outbox, or real Kratos's courier). */
async function mailedCode(server: TestServer, to: string, kind: CodeKind): Promise<string> {
  const code = (await server.mailedCodes(to, kind)).at(-1);
  if (!code) throw new Error(`no ${kind} mail for ${to}`);
  return code;
}

async function askForCode(page: Page, kind: 'recovery' | 'verification', email: string): Promise<void> {
  await page.getByTestId(`nav/${kind}`).click();
  await fillAndSubmit(page, kind, { email }, 'method/code');
  await expect(page.getByTestId(`flow/${kind}`).getByTestId('field/code')).toBeVisible();
}

test('forgot password: the code from the mail signs the person in and opens settings for a new password', async ({
  browser,
}) => {
  const { open, server, client, watch } = await world.create(browser);
  const email = `ada-${Date.now()}@example.com`;
  watch.addToken(await registerThroughApi(client, email));
  const { main, app } = await open();
  const { page } = app;

  await askForCode(page, 'recovery', email);
  // The message names where the code went and how long it can be used (the flow's expiry).
  await expect(page.getByTestId('ui/message/1060003')).toContainText(
    new RegExp(
      `^A recovery code was sent to ${email}\\. It can be used until .+ \\(\\d+ minutes from now\\)\\.`,
    ),
  );

  // A wrong code is refused in words; the form stays.
  await fillAndSubmit(page, 'recovery', { code: '000000' }, 'method/code');
  await expect(page.getByTestId('ui/message/4060006')).toHaveText(text(4060006));

  await fillAndSubmit(page, 'recovery', { code: await mailedCode(server, email, 'recovery') }, 'method/code');

  // Signed in, and straight in the settings, with the password field waiting.
  const settings = page.getByTestId('flow/settings');
  await expect(settings).toBeVisible();
  await expect(page.getByTestId('nav/settings')).toHaveAttribute('aria-current', 'page');
  // One message says so (Kratos's, with the time left to change the password), not two.
  await expect(page.getByTestId('ui/message/1060001')).toContainText('You recovered your account.');
  await expect(page.getByTestId('flow/done')).toHaveCount(0);
  const token = await main.keychain.store.get(server.url);
  watch.addToken(token);

  const newPassword = 'recovered-Lantern-77';
  await fillAndSubmit(page, 'settings', { password: newPassword });
  await expect(page.getByTestId('ui/message/1050001')).toHaveText(text(1050001));

  // The old password is gone, the new one works.
  const withOld = await submitPasswordLogin(client, email);
  expect(withOld.kind).toBe('flow');
  const withNew = await submitPasswordLogin(client, email, newPassword);
  expect(withNew.kind).toBe('success');
  if (withNew.kind === 'success') watch.addToken(withNew.body.session_token);
});

test('verify email from the sign-in screen with the code from the mail', async ({ browser }) => {
  const { open, server, client, watch } = await world.create(browser);
  const email = `grace-${Date.now()}@example.com`;
  const otherDevice = await registerThroughApi(client, email);
  watch.addToken(otherDevice);
  const { main, app } = await open();
  const { page } = app;

  await askForCode(page, 'verification', email);
  await expect(page.getByTestId('ui/message/1080003')).toContainText(
    new RegExp(
      `^A verification code was sent to ${email}\\. It can be used until .+ \\(\\d+ minutes from now\\)\\.`,
    ),
  );
  await fillAndSubmit(page, 'verification', { code: '000000' }, 'method/code');
  await expect(page.getByTestId('ui/message/4070006')).toHaveText(text(4070006));
  await fillAndSubmit(
    page,
    'verification',
    { code: await mailedCode(server, email, 'verification') },
    'method/code',
  );
  await expect(page.getByTestId('flow/done')).toHaveText('Your address is verified.');
  const whoami = await client.whoami(otherDevice);
  if (whoami.kind !== 'success') throw new Error(`whoami: ${whoami.kind}`);
  expect(whoami.body.identity?.verifiable_addresses).toEqual([
    expect.objectContaining({ value: email, verified: true }),
  ]);

  // Signing in now shows the address as verified; the finished verification leads there.
  await page.getByTestId('flow/onward').click();
  await expect(page.getByTestId('flow/login')).toBeVisible();
  await fillAndSubmit(page, 'login', { identifier: email, password });
  await expect(aalBadge(page)).toHaveText('aal1');
  watch.addToken(await main.keychain.store.get(server.url));
  await expect(page.getByTestId('session/identity')).toContainText(`${email} (verified)`);
});

test('signed in with an unverified address: "Verify now" beside it sends the code, the field takes the focus, the row turns verified', async ({
  browser,
}) => {
  const { open, server, client, watch } = await world.create(browser);
  const email = `hopper-${Date.now()}@example.com`;
  watch.addToken(await registerThroughApi(client, email));
  const { main, app } = await open();
  const { page } = app;
  await fillAndSubmit(page, 'login', { identifier: email, password });
  await expect(aalBadge(page)).toHaveText('aal1');
  watch.addToken(await main.keychain.store.get(server.url));
  const identity = page.getByTestId('session/identity');
  await expect(identity).toContainText(`${email} (not verified yet)`);

  // Beside the address, named for it; no sign-out needed.
  const verifyNow = page.getByRole('button', { name: `Verify now: ${email}` });
  await expect(verifyNow).toHaveText('Verify now');
  const mailed = (await server.mailedCodes(email, 'verification')).length; // the sign-up's own mail, if any
  await verifyNow.click();
  await expect(verifyNow).toHaveAttribute('aria-expanded', 'true');
  const panel = page.getByRole('region', { name: `Verify ${email}` });
  // The code was sent to that address at once: the field for it has the focus, the sentence names the address.
  await expect(panel.getByTestId('field/code')).toBeFocused();
  await expect(panel.getByTestId('ui/message/1080003')).toContainText(
    new RegExp(`^A verification code was sent to ${email}\\.`),
  );
  expect(await server.mailedCodes(email, 'verification')).toHaveLength(mailed + 1);

  await fillAndSubmit(page, 'verification', { code: '000000' }, 'method/code');
  await expect(panel.getByTestId('ui/message/4070006')).toHaveText(text(4070006));
  await fillAndSubmit(
    page,
    'verification',
    { code: await mailedCode(server, email, 'verification') },
    'method/code',
  );
  await expect(panel.getByTestId('flow/done')).toHaveText('Your address is verified.');
  // Main fetched the session again: the row says so, and offers nothing more.
  await expect(identity).toContainText(`${email} (verified)`);
  await expect(page.getByRole('button', { name: `Verify now: ${email}` })).toHaveCount(0);
  await panel.getByTestId('verify-address/close').click();
  await expect(panel).toHaveCount(0);
  await expect(aalBadge(page)).toHaveText('aal1'); // still signed in, nothing else changed
});

test('forgot password with an authenticator app: the code, then the second factor, then settings', async ({
  browser,
}) => {
  const { open, server, client, watch } = await world.create(browser);
  const email = `linus-${Date.now()}@example.com`;
  const token = await registerThroughApi(client, email);
  watch.addToken(token);
  // The account has TOTP, set up from another device.
  const settings = await client.createSettingsFlow(token);
  if (settings.kind !== 'success') throw new Error(`settings flow: ${settings.kind}`);
  const secretNode = settings.body.ui.nodes.find(
    (node) => isTextNode(node) && node.attributes.id === 'totp_secret_key',
  );
  const secret = String(secretNode?.type === 'text' && secretNode.attributes.text.text);
  const linked = await client.submitSettingsFlow(
    settings.body.id,
    { method: 'totp', totp_code: await authenticatorCode(secret, server) },
    token,
  );
  expect(linked.kind).toBe('success');

  const { main, app } = await open();
  const { page } = app;
  await askForCode(page, 'recovery', email);
  await fillAndSubmit(page, 'recovery', { code: await mailedCode(server, email, 'recovery') }, 'method/code');

  // The recovery code is one factor: the app asks for the second before anything else.
  await expect(page.getByTestId('second-factor')).toBeVisible();
  await expect(page.getByTestId('flow/done')).toHaveText(
    'Code accepted. Complete the second factor, then set a new password.',
  );
  watch.addToken(await main.keychain.store.get(server.url));
  await fillAndSubmit(page, 'login', { totp_code: await authenticatorCode(secret, server) }, 'method/totp');

  // Then settings, where the new password is set.
  await expect(page.getByTestId('nav/settings')).toHaveAttribute('aria-current', 'page');
  await fillAndSubmit(page, 'settings', { password: 'recovered-Compass-31' });
  await expect(page.getByTestId('ui/message/1050001')).toHaveText(text(1050001));
  await page.getByTestId('nav/session').click();
  await expect(aalBadge(page)).toHaveText('aal2');
});

for (const kind of ['recovery', 'verification'] as const) {
  test(`${kind}: after five wrong codes the app opens the new flow Kratos names, where a new code works`, async ({
    browser,
  }) => {
    const requests: string[] = [];
    const { open, server, client, watch } = await world.create(browser, {
      onExchange: (exchange) => requests.push(`${exchange.method} ${exchange.path.replace(/\?.*$/, '')}`),
    });
    const email = `tries-${kind}-${Date.now()}@example.com`;
    watch.addToken(await registerThroughApi(client, email));
    const { main, app } = await open();
    const { page } = app;
    const form = page.getByTestId(`flow/${kind}`);

    await askForCode(page, kind, email);
    const wrongId = kind === 'recovery' ? 4060006 : 4070006;
    for (let attempt = 1; attempt <= 5; attempt++) {
      // Each refusal looks like the last one: wait for its answer by the request count.
      const sent = requests.length;
      await fillAndSubmit(page, kind, { code: '000000' }, 'method/code');
      await expect.poll(() => requests.length).toBe(sent + 1);
      await expect(page.getByTestId(`ui/message/${wrongId}`)).toHaveText(text(wrongId));
    }
    // The sixth code, even the right one, is refused: Kratos names a new flow (recovery: an error whose
    // details carry show_recovery_ui; verification: 410 with use_flow_id), which the app opens, once.
    const before = requests.length;
    await fillAndSubmit(page, kind, { code: await mailedCode(server, email, kind) }, 'method/code');
    await expect(page.getByTestId('ui/message/4000001')).toHaveText(
      'The request was submitted too often. Please request another code.',
    );
    await expect(form.getByTestId('field/email')).toBeVisible();
    await expect(form.getByTestId('field/code')).toHaveCount(0);
    expect(requests.slice(before)).toEqual([`POST /self-service/${kind}`, `GET /self-service/${kind}/flows`]);

    // The new flow takes a new code.
    await fillAndSubmit(page, kind, { email }, 'method/code');
    await expect(form.getByTestId('field/code')).toBeVisible();
    await fillAndSubmit(page, kind, { code: await mailedCode(server, email, kind) }, 'method/code');
    if (kind === 'recovery') {
      await expect(page.getByTestId('flow/settings')).toBeVisible();
      watch.addToken(await main.keychain.store.get(server.url));
    } else {
      await expect(page.getByTestId('flow/done')).toHaveText('Your address is verified.');
    }
  });
}
