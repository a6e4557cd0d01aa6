/**
 * What a person does in the window, and what another device does through the Kratos API, for the e2e
 * scenarios. Controls are found by the renderer's stable test ids (docs/app.md#how-the-screens-are-drawn).
 */
import { copyFile, mkdir } from 'node:fs/promises';
import { expect, type Locator, type Page } from '@playwright/test';
import { generate } from 'otplib';
import type { KratosApi } from '../../../main/kratos/api';
import { messageText } from '../../../shared/flow/messages';
import { expectAccessible } from './audit';
import type { TestServer } from './test-server';

export const password = 'correct-Horse-battery-9';

/** Fill `fields` of the `kind` form, then press the button `name=value` (`method=password` by default). */
export async function fillAndSubmit(
  page: Page,
  kind: string,
  fields: Record<string, string>,
  button = 'method/password',
): Promise<void> {
  const form = page.getByTestId(`flow/${kind}`);
  await expect(form).toBeVisible();
  await expectAccessible(page, `the ${kind} form`);
  for (const [name, value] of Object.entries(fields)) await form.getByTestId(`field/${name}`).fill(value);
  await form.getByTestId(`field/${button}`).click();
}

/**
 * Sign up with what the form asks for: current Kratos asks for the traits first (`method: profile`), then
 * the password on the credentials screen it answers with; a one-step form takes both at once.
 */
export async function registerInWindow(page: Page, email: string): Promise<void> {
  await page.getByTestId('nav/registration').click();
  await signUpOnForm(page, email);
}

/** `registerInWindow` on the registration form already shown; says whether the form took two steps. */
export async function signUpOnForm(page: Page, email: string): Promise<{ twoStep: boolean }> {
  const form = page.getByTestId('flow/registration');
  await form.getByTestId('field/traits.email').fill(email);
  const twoStep = (await form.getByTestId('field/password').count()) === 0;
  if (twoStep) {
    await form.getByTestId('field/method/profile').click();
    await expect(form.getByTestId('field/password')).toBeVisible();
  }
  await fillAndSubmit(page, 'registration', { password });
  // Kratos v1.3.1 follows a sign-up with `show_verification_ui` (current Kratos no longer does): the app opens
  // the email-code step, and the person goes on to the session screen, where every scenario continues.
  const verification = page.getByTestId('flow/verification');
  await expect(aalBadge(page).or(verification)).toBeVisible();
  if (await verification.isVisible()) await page.getByTestId('nav/session').click();
  return { twoStep };
}

/** How many flow submits the window has sent so far. */
export const submitCount = (app: { invocations: Array<{ channel: string }> }) =>
  app.invocations.filter(({ channel }) => channel === 'kratos:submitFlow').length;

/** Sign out from the session screen; the sign-in form is back. */
export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('nav/session').click();
  await expectAccessible(page, 'the session screen');
  await page.getByTestId('session/logout').click();
  await expect(page.getByTestId('flow/login')).toBeVisible();
  // Said, not only implied by the sign-in form; and no name left in the top bar.
  await expect(page.getByTestId('notice')).toHaveText('You are signed out.');
  await expect(page.getByTestId('topbar/identity')).toHaveCount(0);
}

/**
 * Answer the "are you sure?" dialog a destructive button opens: it must be titled `title`, and its confirm
 * button (named for the action) is pressed.
 */
export async function confirmDialog(page: Page, title: string, confirm: string): Promise<void> {
  const dialog = page.getByRole('alertdialog', { name: title });
  await expect(dialog).toBeVisible();
  await expectAccessible(page, `the dialog "${title}"`);
  await dialog.getByRole('button', { name: confirm, exact: true }).click();
  await expect(dialog).toHaveCount(0);
}

/** The session's assurance level as the window shows it (absent while signed out). */
export const aalBadge = (page: Page) => page.getByTestId('session/aal');

/** The app's own words for a Kratos message id. */
export const messageWords = (id: number, context: Record<string, unknown> = {}) =>
  messageText({ id, text: '', context });

/** An identity created the way another device would: through the Kratos API, not the window. */
export async function registerThroughApi(client: KratosApi, email: string): Promise<string> {
  const flow = await client.createRegistrationFlow();
  if (flow.kind !== 'success') throw new Error(`registration flow: ${flow.kind}`);
  const done = await client.submitRegistrationFlow(flow.body.id, {
    method: 'password',
    traits: { email },
    password,
  });
  if (done.kind !== 'success' || !done.body.session_token) throw new Error(`registration: ${done.kind}`);
  return done.body.session_token;
}

/** Another device tries a password sign-in through the API: Kratos's answer, whatever it is. */
export async function submitPasswordLogin(client: KratosApi, email: string, secret = password) {
  const flow = await client.createLoginFlow();
  if (flow.kind !== 'success') throw new Error(`login flow: ${flow.kind}`);
  return client.submitLoginFlow(flow.body.id, { method: 'password', identifier: email, password: secret });
}

/**
 * A password sign-in through the API that must succeed: the new session's token and id. For an identity
 * with a second factor the session is only aal1.
 */
export async function passwordLoginThroughApi(
  client: KratosApi,
  email: string,
): Promise<{ token: string; sessionId: string }> {
  const done = await submitPasswordLogin(client, email);
  if (done.kind !== 'success' || !done.body.session_token || !done.body.session)
    throw new Error(`login: ${done.kind}`);
  return { token: done.body.session_token, sessionId: done.body.session.id };
}

/**
 * A full-page screenshot (or one of a part of the page: a locator) in the test's output folder. With `readmeName` and
 * `KRATOS_DESKTOP_UPDATE_SCREENSHOTS=1` it is also copied to docs/screenshots/ (the README's pictures are
 * refreshed on request only, so ordinary test runs leave the tree unchanged).
 */
export async function screenshot(
  page: Page | Locator,
  name: string,
  outputPath: (name: string) => string,
  readmeName?: string,
): Promise<string> {
  const file = outputPath(`${name}.png`);
  await ('goto' in page ? page.screenshot({ path: file, fullPage: true }) : page.screenshot({ path: file }));
  if (readmeName !== undefined && process.env['KRATOS_DESKTOP_UPDATE_SCREENSHOTS'] === '1') {
    await mkdir('docs/screenshots', { recursive: true });
    await copyFile(file, `docs/screenshots/${readmeName}.png`);
  }
  return file;
}

/** What the person's authenticator app shows now (by the server's clock). */
export const authenticatorCode = (secret: string, server: TestServer) =>
  generate({ secret, epoch: Math.floor(server.now().getTime() / 1000) });

export async function openSettings(page: Page): Promise<void> {
  await page.getByTestId('nav/settings').click();
  await expect(page.getByTestId('flow/settings')).toBeVisible();
}

/**
 * Settings → authenticator app: read the secret shown next to the QR code (`whileShown` may look at it
 * some more), answer with a code.
 */
export async function enableTotp(
  page: Page,
  server: TestServer,
  whileShown?: (secret: string) => Promise<void>,
): Promise<string> {
  await openSettings(page);
  const settings = page.getByTestId('flow/settings');
  await expect(settings.getByTestId('field/totp_qr/img')).toBeVisible();
  const secret =
    (await settings.getByTestId('field/totp_secret_key/text').locator('code').textContent()) ?? '';
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await whileShown?.(secret);
  await fillAndSubmit(
    page,
    'settings',
    { totp_code: await authenticatorCode(secret, server) },
    'method/totp',
  );
  await expect(page.getByTestId('ui/message/1050001')).toBeVisible();
  return secret;
}
