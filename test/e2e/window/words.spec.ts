/**
 * The flow screens' words and comforts, against a scripted main (harness/scripted.ts): traits in the
 * identity schema's words, a second-factor step that asks for one method (not all of them), a code that
 * says where it went and how long it can be used, a next step after a verification, and what people expect
 * of a password field, of codes and of dates.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import type { UiNode } from '../../../shared/kratos-wire';
import type { FlowResponse, FlowView, SessionView, TraitTitlesResponse } from '../../../shared/ipc-contract';
import {
  base,
  flowView,
  later,
  loginFlow,
  ok,
  open,
  signedIn,
  signedOut,
  signInScript,
  startFlows,
  submits,
  secondFactorFlow,
} from '../harness/scripted';
import { input, uiText } from '../../support/nodes';

test('second factor: one method is enough, so none is marked required, and the intro is said once', async ({
  browser,
}) => {
  const app = await open(browser, {
    'kratos:getState': ok<SessionView>({
      ...base,
      status: 'second-factor-required',
      methods: ['totp', 'lookup_secret'],
    }),
    'kratos:startFlow': ok<FlowResponse>({ kind: 'flow', flow: secondFactorFlow() }),
  });
  const { page } = app;
  const screen = page.getByTestId('second-factor');
  await expect(screen).toContainText(
    'Finish signing in with your authenticator app or a backup recovery code.',
  );
  await expect(page.getByTestId('ui/message/1010004')).toHaveCount(0);
  await expect(page).toHaveTitle('Second factor – Kratos Desktop');
  for (const name of ['totp_code', 'lookup_secret']) {
    const field = page.getByTestId(`field/${name}`);
    await expect(field).not.toHaveAttribute('required');
    await expect(field).toHaveAttribute('autocomplete', 'one-time-code');
  }
  await expect(screen.locator('.required')).toHaveCount(0);
  await expect(page.getByTestId('field/totp_code')).toHaveAttribute('inputmode', 'numeric');

  // The chosen method's own field is still needed for its own button.
  await page.getByTestId('field/method/totp').click();
  await expect(page.getByTestId('field/totp_code/invalid')).toHaveText('Please fill out this field.');
  await expect(page.getByTestId('field/totp_code')).toBeFocused();
  expect(submits(app)).toEqual([]);
  await app.close();
});

test("session: traits in the identity schema's words, one row per address with its state; a German system reads German sentences and dates", async ({
  browser,
}) => {
  const app = await open(
    browser,
    {
      'kratos:getState': ok(signedIn(later())),
      'kratos:traitTitles': ok<TraitTitlesResponse>({
        titles: [
          { path: 'email', title: 'E-Mail' },
          { path: 'name.first', title: 'First name' },
        ],
      }),
    },
    { locale: 'de-DE', timezoneId: 'Europe/Berlin' },
  );
  const { page } = app;
  const identity = page.getByTestId('session/identity');
  await expect(identity.locator('dt')).toHaveText(['First name', 'E-Mail-Adresse']);
  await expect(identity.locator('dd')).toHaveText(['Ada', 'ada@example.com (bestätigt)']);
  await expect(page.locator('html')).toHaveAttribute('lang', 'de-DE');
  await expect(page).toHaveTitle('Ihre Sitzung – Kratos Desktop');
  expect(app.invocations.filter((call) => call.channel === 'kratos:traitTitles')).toEqual([
    { channel: 'kratos:traitTitles', args: ['default'] },
  ]);
  // 2026-07-29T10:01:00Z in Berlin, as a German reader writes it.
  await expect(page.getByTestId('session')).toContainText('29.07.2026, 12:01');
  await app.close();
});

test('session: before main has learned the titles the trait keys are said in words', async ({ browser }) => {
  const app = await open(browser, {
    'kratos:getState': ok(signedIn(later())),
    'kratos:traitTitles': ok<TraitTitlesResponse>({ titles: [] }),
  });
  const identity = app.page.getByTestId('session/identity');
  await expect(identity.locator('dt')).toHaveText(['Name first', 'Email']);
  await app.close();
});

test('verification: the message names the address and how long the code can be used; then on to sign in', async ({
  browser,
}) => {
  const sent = flowView(
    'verification',
    [
      input('method', 'hidden', { group: 'code', value: 'code' }),
      input('code', 'text', { group: 'code', required: true, label: uiText(1070011, 'Verification code') }),
      input('method', 'submit', { group: 'code', value: 'code', label: uiText(1070009, 'Continue') }),
      input('email', 'submit', {
        group: 'code',
        value: 'ada@example.com',
        label: uiText(1070008, 'Resend code'),
      }),
    ],
    { state: 'sent_email', expiresAt: new Date(Date.now() + 30 * 60_000 + 20_000).toISOString() },
  );
  sent.ui.messages = [uiText(1080003, 'An email containing a verification code has been sent…')];
  const app = await open(browser, {
    'kratos:getState': ok(signedOut),
    'kratos:startFlow': startFlows({ verification: sent }),
    'kratos:submitFlow': ok<FlowResponse>({ kind: 'done', message: 'Your address is verified.' }),
  });
  const { page } = app;
  await page.getByTestId('nav/verification').click();
  await expect(page).toHaveTitle('Verify your email – Kratos Desktop');
  await expect(page.getByTestId('ui/message/1080003')).toContainText(
    /^A verification code was sent to ada@example\.com\. It can be used until .+ \(30 minutes from now\)\./,
  );
  await page.getByTestId('field/code').fill('123456');
  await page.getByTestId('field/method/code').click();
  await expect(page.getByTestId('flow/done')).toHaveText('Your address is verified.');
  await expect(page.getByTestId('flow/onward')).toHaveText('Continue to sign in');
  await page.getByTestId('flow/onward').click();
  await expect(page.getByTestId('flow/login')).toBeVisible();
  await expect(page).toHaveTitle('Sign in – Kratos Desktop');
  await app.close();
});

test('a window title per screen', async ({ browser }) => {
  const app = await open(browser, {
    'kratos:getState': ok(signedOut),
    'kratos:startFlow': (args: unknown[]) =>
      ok<FlowResponse>({
        kind: 'flow',
        flow: { ...loginFlow(), kind: (args[0] as { kind: FlowView['kind'] }).kind },
      }),
  });
  const { page } = app;
  for (const [nav, title] of [
    ['registration', 'Create account'],
    ['login', 'Sign in'],
    ['recovery', 'Recover your account'],
  ] as const) {
    await page.getByTestId(`nav/${nav}`).click();
    await expect(page).toHaveTitle(`${title} – Kratos Desktop`);
  }
  await app.send('kratos:state', signedIn(later()));
  for (const [nav, title] of [
    ['sessions', 'Sessions'],
    ['settings', 'Account settings'],
  ] as const) {
    await page.getByTestId(`nav/${nav}`).click();
    await expect(page).toHaveTitle(`${title} – Kratos Desktop`);
  }
  await app.close();
});

test('password: shown on request (the state seen and heard), its rules before the first try, kept after a refusal about something else', async ({
  browser,
}) => {
  const registration = (messages: { email?: object[]; password?: object[] } = {}) =>
    flowView('registration', [
      input('csrf_token', 'hidden', { value: '' }),
      {
        ...input('traits.email', 'email', {
          required: true,
          label: uiText(1070002, 'E-Mail', { title: 'E-Mail' }),
        }),
        messages: messages.email ?? [],
      } as UiNode,
      {
        ...input('password', 'password', {
          group: 'password',
          required: true,
          autocomplete: 'new-password',
          label: uiText(1070001, 'Password'),
        }),
        messages: messages.password ?? [],
      } as UiNode,
      input('method', 'submit', { group: 'password', value: 'password', label: uiText(1040001, 'Sign up') }),
    ]);
  let answers = 0;
  const app = await open(browser, {
    'kratos:getState': ok(signedOut),
    'kratos:startFlow': ok<FlowResponse>({ kind: 'flow', flow: registration() }),
    'kratos:submitFlow': () =>
      ok<FlowResponse>({
        kind: 'flow',
        flow: registration(
          ++answers === 1
            ? {
                email: [
                  uiText(4000007, 'An account with the same identifier exists already.', undefined, 'error'),
                ],
              }
            : {
                password: [
                  uiText(
                    4000003,
                    'length must be >= 12, but got 5',
                    { min_length: 12, actual_length: 5 },
                    'error',
                  ),
                ],
              },
        ),
      }),
  });
  const { page } = app;
  await page.getByTestId('nav/registration').click();
  const password = page.getByTestId('field/password');
  const rules = page.getByTestId('field/password/rules');
  // The server's minimum is its operator's choice and Kratos does not send it with the form: no number yet.
  await expect(rules).toHaveText(/^Long passwords are best: the server says if one is too short\. /);
  await expect(rules).not.toContainText('8');
  await expect(password).toHaveAttribute('aria-describedby', new RegExp(`${await rules.getAttribute('id')}`));

  const toggle = page.getByTestId('field/password/show');
  const mark = toggle.locator('.toggle-mark');
  const background = () =>
    toggle.evaluate(
      (element) => element.ownerDocument.defaultView!.getComputedStyle(element).backgroundColor,
    );
  await password.fill('correct-Horse-battery-9');
  await expect(password).toHaveAttribute('type', 'password');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(mark).toHaveText('');
  const released = await background();
  await toggle.click();
  await expect(password).toHaveAttribute('type', 'text');
  // Pressed is heard (aria-pressed), seen as a tick, and seen as a tinted button; the name stays.
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(mark).toHaveText('✓');
  await expect(mark).toHaveAttribute('aria-hidden', 'true');
  await expect(toggle).toHaveAccessibleName('Show password');
  expect(await background()).not.toBe(released);
  await toggle.click();
  await expect(password).toHaveAttribute('type', 'password');
  await expect(mark).toHaveText('');

  await page.getByTestId('field/traits.email').fill('ada@example.com');
  await page.getByTestId('field/method/password').click();
  await expect(page.getByTestId('ui/message/4000007')).toBeVisible();
  await expect(password).toHaveValue('correct-Horse-battery-9');

  // Once the server has said its minimum, the rules say it too.
  await page.getByTestId('field/traits.email').fill('grace@example.com');
  await password.fill('short');
  await page.getByTestId('field/method/password').click();
  await expect(page.getByTestId('ui/message/4000003')).toBeVisible();
  await expect(rules).toHaveText(/^At least 12 characters\. /);
  await app.close();
});

test('password: Caps Lock on is said beside the field, in a live region it points to; gone when off or left', async ({
  browser,
}) => {
  const app = await open(browser, signInScript());
  const { page } = app;
  const password = page.getByTestId('field/password');
  const warning = page.getByTestId('field/password/caps-lock');
  // There before it speaks, so its sentence is announced; empty while Caps Lock is off.
  await expect(warning).toHaveAttribute('role', 'status');
  await expect(warning).toHaveText('');
  await expect(password).toHaveAttribute(
    'aria-describedby',
    new RegExp(`${await warning.getAttribute('id')}`),
  );
  const typeWithCapsLock = (on: boolean) =>
    password.evaluate((field, capsLock) => {
      // Chromium reads Caps Lock from the event (`modifierCapsLock`); Playwright's keyboard cannot set it.
      const Keyboard = field.ownerDocument.defaultView!.KeyboardEvent;
      for (const type of ['keydown', 'keyup'])
        field.dispatchEvent(
          new Keyboard(type, { key: 'a', bubbles: true, modifierCapsLock: capsLock } as object),
        );
    }, on);
  await password.focus();
  await typeWithCapsLock(true);
  await expect(warning).toHaveText('Caps Lock is on.');
  await expect(warning).toBeVisible();
  await typeWithCapsLock(false);
  await expect(warning).toHaveText('');
  await typeWithCapsLock(true);
  await page.getByTestId('field/identifier').focus();
  await expect(warning).toHaveText('');
  // Never on other fields.
  await expect(page.getByTestId('field/identifier/caps-lock')).toHaveCount(0);
  await app.close();
});

test("sign-up: a name field fills from the person's card (autocomplete name, given-name, family-name)", async ({
  browser,
}) => {
  const registration = flowView('registration', [
    input('csrf_token', 'hidden', { value: '' }),
    input('traits.email', 'email', { required: true, label: uiText(1070002, 'E-Mail', { title: 'E-Mail' }) }),
    input('traits.name', 'text', { label: uiText(1070002, 'Name', { title: 'Name' }) }),
    input('traits.name.first', 'text', { label: uiText(1070002, 'First name', { title: 'First name' }) }),
    input('traits.name.last', 'text', { label: uiText(1070002, 'Last name', { title: 'Last name' }) }),
    input('method', 'submit', { group: 'profile', value: 'profile', label: uiText(1040001, 'Sign up') }),
  ]);
  const app = await open(browser, {
    'kratos:getState': ok(signedOut),
    'kratos:startFlow': startFlows({ registration }),
  });
  const { page } = app;
  await page.getByTestId('nav/registration').click();
  await expect(page.getByTestId('field/traits.name')).toHaveAttribute('autocomplete', 'name');
  await expect(page.getByTestId('field/traits.name.first')).toHaveAttribute('autocomplete', 'given-name');
  await expect(page.getByTestId('field/traits.name.last')).toHaveAttribute('autocomplete', 'family-name');
  // One word for the address in English ("Email"), whatever the schema's spelling.
  await expect(page.getByRole('textbox', { name: 'Email', exact: true })).toBeVisible();
  await expect(page.getByText('E-Mail')).toHaveCount(0);
  await app.close();
});

test('sign-in: the identifier is a user name to the password manager', async ({ browser }) => {
  const app = await open(browser, {
    'kratos:getState': ok(signedOut),
    'kratos:startFlow': ok<FlowResponse>({ kind: 'flow', flow: loginFlow() }),
  });
  await expect(app.page.getByTestId('field/identifier')).toHaveAttribute('autocomplete', 'username');
  await app.close();
});

test('backup codes: downloaded as a text file and printed, besides copied', async ({ browser }) => {
  const codes = ['a1b2c3d4', 'e5f6g7h8'];
  const settings = flowView('settings', [
    input('csrf_token', 'hidden', { value: '' }),
    {
      type: 'text',
      group: 'lookup_secret',
      attributes: {
        id: 'lookup_secret_codes',
        node_type: 'text',
        text: uiText(1050015, codes.join(', '), {
          secrets: codes.map((code) => uiText(1050009, code, { secret: code })),
        }),
      },
      messages: [],
      meta: {},
    } as unknown as UiNode,
  ]);
  const app = await open(browser, {
    'kratos:getState': ok(signedIn(later())),
    'kratos:startFlow': ok<FlowResponse>({ kind: 'flow', flow: settings }),
  });
  const { page } = app;
  await page.getByTestId('nav/settings').click();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('field/lookup_secret_codes/download').click(),
  ]);
  expect(download.suggestedFilename()).toBe('backup-recovery-codes.txt');
  const saved = await readFile(await download.path(), 'utf8');
  for (const code of codes) expect(saved).toContain(`\n${code}\n`);

  // The print dialog is the system's: record that it was asked for, with only the codes to print.
  await page.locator('body').evaluate((body) => {
    const view = body.ownerDocument.defaultView as unknown as { print(): void; printedWith?: string };
    view.print = () => {
      view.printedWith = body.className;
    };
  });
  await page.getByTestId('field/lookup_secret_codes/print').click();
  const printedWith = await page
    .locator('body')
    .evaluate((body) => (body.ownerDocument.defaultView as unknown as { printedWith?: string }).printedWith);
  expect(printedWith).toBe('print-codes');
  await expect(page.locator('body')).not.toHaveClass(/print-codes/);
  await app.close();
});

test('sign-in methods the app has no word for (a newer Kratos: passkey, profile, saml, …) are shown by name', async ({
  browser,
}) => {
  const view = signedIn(later());
  if (view.status !== 'signed-in') throw new Error('signedIn() is a signed-in view');
  const methods = ['passkey', 'profile', 'saml', 'device_authn', 'code_recovery'];
  const app = await open(browser, {
    'kratos:getState': ok<SessionView>({
      ...view,
      session: {
        ...view.session,
        authenticationMethods: methods.map((method) => ({
          method,
          aal: 'aal1',
          completedAt: '2026-07-29T10:00:00Z',
        })),
      },
    }),
  });
  const list = app.page.getByTestId('session/methods').locator('li strong');
  await expect(list).toHaveText([
    'Passkey',
    'Profile',
    'Single sign-on',
    'device authn',
    'Recovery code sent by email',
  ]);
  await app.close();
});

test('settings, social accounts: the status names what is linked; Link says how (no request), Unlink asks first', async ({
  browser,
}) => {
  const provider = (name: 'link' | 'unlink', value: string, label: string, id: number) =>
    input(name, 'submit', {
      group: 'oidc',
      value,
      label: uiText(id, `${name === 'link' ? 'Link' : 'Unlink'} ${label}`, { provider: label }),
    });
  const settings = flowView(
    'settings',
    [
      input('csrf_token', 'hidden', { value: '' }),
      provider('link', 'google', 'Google', 1050002),
      provider('unlink', 'github', 'GitHub', 1050003),
    ],
    { state: 'show_form' },
  );
  const saved = flowView(
    'settings',
    [
      input('csrf_token', 'hidden', { value: '' }),
      provider('link', 'google', 'Google', 1050002),
      provider('link', 'github', 'GitHub', 1050002),
    ],
    { state: 'success' },
  );
  saved.ui.messages = [uiText(1050001, 'Your changes have been saved!', undefined, 'success')];
  const app = await open(browser, {
    'kratos:getState': ok(signedIn(later())),
    'kratos:startFlow': ok<FlowResponse>({ kind: 'flow', flow: settings }),
    'kratos:submitFlow': ok<FlowResponse>({ kind: 'flow', flow: saved }),
  });
  const { page } = app;
  await page.getByTestId('nav/settings').click();
  await expect(page.getByTestId('section/oidc/status')).toHaveText('Linked: GitHub. Not linked: Google.');

  // Link: the way that works, focused; nothing is sent.
  await page.getByTestId('field/link/google').click();
  const guidance = page.getByTestId('field/link/google/guidance');
  await expect(guidance).toHaveText(
    "To link Google, sign out, then choose “Sign in with Google” and use the same email address there. The server then asks for this account's password once and links Google to it.",
  );
  await expect(guidance).toBeFocused();
  await expect(page.getByTestId('field/link/google')).toHaveAttribute('aria-expanded', 'true');
  expect(submits(app)).toEqual([]);

  // Unlink: asked first; cancelling sends nothing, confirming sends the button alone.
  await page.getByTestId('field/unlink/github').click();
  const dialog = page.getByRole('alertdialog', { name: 'Unlink GitHub?' });
  await expect(dialog).toContainText('You will no longer be able to sign in with GitHub.');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect(submits(app)).toEqual([]);
  await page.getByTestId('field/unlink/github').click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Unlink GitHub', exact: true }).click();
  await expect(page.getByTestId('section/oidc/status')).toHaveText('Not linked: Google and GitHub.');
  expect(submits(app).map((call) => call.args[0])).toEqual([
    { flowId: 'settings-1', values: { unlink: 'github' } },
  ]);
  await app.close();
});
