/**
 * The forms in the order people know (shared/flow/arrangement.ts), against a scripted main
 * (harness/scripted.ts): sign-in with the provider buttons first, then "or", then the address and the
 * password together; a two-step sign-up that says which step it is, names the address with "Change" and
 * puts the password first; after a wrong second-factor code, the focus on the field in error with its
 * sentence linked; settings sections in one order, each saying where it stands. Audited with axe in English
 * and German, light and dark. The same journeys on a real server: two-step-and-code.spec.ts, social.spec.ts,
 * second-factor.spec.ts.
 */
import { expect, test } from '@playwright/test';
import type { FlowResponse, FlowView } from '../../../shared/ipc-contract';
import type { UiNode } from '../../../shared/kratos-wire';
import {
  flowView,
  later,
  loginFlow,
  ok,
  open,
  pendingAnswer,
  secondFactorFlow,
  signedIn,
  signedOut,
  signInScript,
  startFlows,
  submits,
} from '../harness/scripted';
import { expectAccessible } from '../support/audit';
import { input, node, uiText } from '../../support/nodes';

const provider = (id: string, name: string, labelId = 1010002) =>
  input('provider', 'submit', {
    group: 'oidc',
    value: id,
    label: uiText(labelId, `Sign in with ${name}`, { provider: name }),
  });

/** Kratos's node order: the identifier, the providers, then the password (Tab from the email hit a provider). */
const signInFlow = (): FlowView =>
  loginFlow({
    nodes: [
      input('csrf_token', 'hidden', { value: '', required: true }),
      input('identifier', 'text', { value: '', required: true, label: uiText(1070004, 'ID') }),
      provider('github', 'GitHub'),
      provider('google', 'Google'),
      input('password', 'password', {
        group: 'password',
        required: true,
        label: uiText(1070001, 'Password'),
      }),
      input('method', 'submit', {
        group: 'password',
        value: 'password',
        label: uiText(1010022, 'Sign in with password'),
      }),
    ],
  });

/** Kratos v26.2.0's two steps, with a provider configured (test/fixtures/flows/registration-kratos-*.json). */
const signUpStep1 = (): FlowView =>
  flowView('registration', [
    input('csrf_token', 'hidden', { value: '' }),
    input('traits.email', 'email', { required: true, label: uiText(1070002, 'E-Mail') }),
    provider('github', 'GitHub', 1040002),
    input('method', 'submit', { group: 'profile', value: 'profile', label: uiText(1040001, 'Sign up') }),
  ]);
const signUpStep2 = (): FlowView => {
  const flow = flowView('registration', [
    input('csrf_token', 'hidden', { value: '' }),
    input('traits.email', 'hidden', { value: 'ada@example.com', required: true }),
    input('password', 'password', {
      group: 'password',
      required: true,
      autocomplete: 'new-password',
      label: uiText(1070001, 'Password'),
    }),
    input('method', 'submit', { group: 'password', value: 'password', label: uiText(1040001, 'Sign up') }),
    provider('github', 'GitHub', 1040002),
    input('screen', 'submit', { group: 'profile', value: 'previous', label: uiText(1040008, 'Back') }),
  ]);
  flow.ui.messages = [uiText(1040009, 'Please choose a credential to authenticate yourself with.')];
  return flow;
};

test('sign-in: provider buttons first, then "or", then the address and the password together, in Tab order', async ({
  browser,
}) => {
  const app = await open(
    browser,
    signInScript({ 'kratos:startFlow': ok<FlowResponse>({ kind: 'flow', flow: signInFlow() }) }),
  );
  const { page } = app;
  const form = page.getByTestId('flow/login');
  await expect(form.getByTestId('field/identifier')).toBeFocused();
  // What is seen, top to bottom.
  const seen = await form
    .locator('button, input:not([type="hidden"]), [data-testid="flow/or"]')
    .evaluateAll((elements) => elements.map((element) => element.getAttribute('data-testid')));
  expect(seen).toEqual([
    'field/provider/github',
    'field/provider/google',
    'flow/or',
    'field/identifier',
    'field/password',
    'field/password/show',
    'field/method/password',
  ]);
  await expect(page.getByTestId('flow/or')).toHaveText('or');
  // Tab from the email goes to the password, never to a provider.
  await page.keyboard.press('Tab');
  await expect(form.getByTestId('field/password')).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await expect(form.getByTestId('field/provider/google')).toBeFocused();
  await app.close();
});

test('two-step sign-up: "Continue", then "Step 2 of 2 · address · Change" with the password first and focused', async ({
  browser,
}) => {
  const step = pendingAnswer<FlowResponse>();
  const back = pendingAnswer<FlowResponse>();
  let submitted = 0;
  const app = await open(browser, {
    'kratos:getState': ok(signedOut),
    'kratos:startFlow': startFlows({ registration: signUpStep1() }),
    'kratos:submitFlow': () => (++submitted === 1 ? step.promise() : back.promise()),
  });
  const { page } = app;
  await page.getByTestId('nav/registration').click();
  const form = page.getByTestId('flow/registration');
  await expect(form.getByTestId('flow/step')).toHaveText('Step 1 of 2');
  const next = form.getByTestId('field/method/profile');
  await expect(next).toHaveText('Continue');
  await form.getByTestId('field/traits.email').fill('ada@example.com');
  await next.click();
  // Step 1 creates nothing yet: its progress says what happens.
  await expect(page.getByTestId('progress')).toHaveText('Checking your details…');
  step.answer(ok({ kind: 'flow', flow: signUpStep2() }));

  const line = form.getByTestId('flow/step');
  await expect(line).toContainText('Step 2 of 2 · ada@example.com');
  const change = line.getByRole('button', { name: 'Change' });
  await expect(change).toHaveAccessibleDescription('Step 2 of 2 · ada@example.com');
  // The password is first, and has the focus; Kratos's sentence at the bottom is the app's own, at the top.
  await expect(form.getByTestId('field/password')).toBeFocused();
  await expect(form.getByTestId('flow/intro')).toHaveText('Last step: choose a password for your account.');
  await expect(page.getByTestId('ui/message/1040009')).toHaveCount(0);
  // No social sign-up again: the address is given.
  await expect(form.getByTestId('field/provider/github')).toHaveCount(0);
  await expect(form.getByTestId('field/method/password')).toHaveText('Sign up');
  await page.keyboard.press('Shift+Tab');
  await expect(change).toBeFocused();
  await expectAccessible(page, 'step 2 of a sign-up');

  // "Change" is Kratos's Back: the same flow, the address sent along.
  await change.click();
  await expect(page.getByTestId('progress')).toHaveText('One moment…');
  back.answer(ok({ kind: 'flow', flow: { ...signUpStep1(), id: 'registration-1' } }));
  await expect(form.getByTestId('flow/step')).toHaveText('Step 1 of 2');
  expect(submits(app).map(({ args }) => (args[0] as { flowId: string; values: unknown }).values)).toEqual([
    { traits: { email: 'ada@example.com' }, method: 'profile' },
    { traits: { email: 'ada@example.com' }, screen: 'previous' },
  ]);
  await app.close();
});

test('a wrong second-factor code: the focus on the field in error, its sentence linked; Tab goes to its button', async ({
  browser,
}) => {
  const flow = secondFactorFlow();
  const refused: FlowView = {
    ...flow,
    ui: {
      ...flow.ui,
      messages: [
        uiText(4000008, 'The provided authentication code is invalid, please try again.', undefined, 'error'),
      ],
    },
  };
  const app = await open(browser, {
    'kratos:getState': ok({
      ...signedOut,
      status: 'second-factor-required',
      methods: ['totp', 'lookup_secret'],
    }),
    'kratos:startFlow': ok<FlowResponse>({ kind: 'flow', flow }),
    'kratos:submitFlow': ok<FlowResponse>({ kind: 'flow', flow: refused }),
  });
  const { page } = app;
  const code = page.getByTestId('field/totp_code');
  await code.fill('000000');
  await page.getByTestId('field/method/totp').click();
  await expect(code).toBeFocused();
  await expect(code).toHaveAttribute('aria-invalid', 'true');
  await expect(code).toHaveAccessibleDescription('The authentication code is invalid. Please try again.');
  await expect(
    page.getByTestId('field/totp_code').locator('..').getByTestId('ui/message/4000008'),
  ).toBeVisible();
  await expect(page.getByTestId('field/lookup_secret')).toHaveAttribute('aria-invalid', 'false');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('field/method/totp')).toBeFocused();
  await expectAccessible(page, 'a refused second-factor code');
  await app.close();
});

/** Settings as Kratos sends them: after backup codes are generated the lookup_secret group comes first. */
function settingsWith(order: 'before' | 'after'): FlowView {
  const profile = [
    input('traits.email', 'email', {
      group: 'profile',
      value: 'ada@example.com',
      label: uiText(1070002, 'E-Mail'),
    }),
    input('method', 'submit', { group: 'profile', value: 'profile', label: uiText(1070003, 'Save') }),
  ];
  const password = [
    input('password', 'password', {
      group: 'password',
      autocomplete: 'new-password',
      label: uiText(1070001, 'Password'),
    }),
    input('method', 'submit', { group: 'password', value: 'password', label: uiText(1070003, 'Save') }),
  ];
  const totp = [
    input('totp_unlink', 'submit', {
      group: 'totp',
      value: true,
      label: uiText(1050004, 'Unlink TOTP Authenticator App'),
    }),
  ];
  const codes: UiNode[] =
    order === 'before'
      ? [
          input('lookup_secret_regenerate', 'submit', {
            group: 'lookup_secret',
            value: true,
            label: uiText(1050008, 'Generate new backup recovery codes'),
          }),
        ]
      : [
          node(
            'text',
            {
              id: 'lookup_secret_codes',
              text: {
                id: 1050015,
                text: 'aaaa, bbbb',
                type: 'info',
                context: {
                  secrets: [
                    uiText(1050009, 'aaaa', { secret: 'aaaa' }),
                    uiText(1050009, 'bbbb', { secret: 'bbbb' }),
                  ],
                },
              },
            },
            'lookup_secret',
          ),
          input('lookup_secret_confirm', 'submit', {
            group: 'lookup_secret',
            value: true,
            label: uiText(1050011, 'Confirm backup recovery codes'),
          }),
        ];
  const oidc = [
    input('unlink', 'submit', {
      group: 'oidc',
      value: 'github',
      label: uiText(1050003, 'Unlink GitHub', { provider: 'GitHub' }),
    }),
  ];
  const csrf = input('csrf_token', 'hidden', { value: '' });
  const nodes =
    order === 'before'
      ? [csrf, ...profile, ...password, ...oidc, ...totp, ...codes]
      : [csrf, ...codes, ...profile, ...totp, ...password, ...oidc];
  return flowView('settings', nodes, { state: 'show_form' });
}

test('settings: sections keep one order after backup codes are generated, each says where it stands', async ({
  browser,
}) => {
  const app = await open(browser, {
    'kratos:getState': ok(signedIn(later())),
    'kratos:startFlow': ok<FlowResponse>({ kind: 'flow', flow: settingsWith('before') }),
    'kratos:submitFlow': ok<FlowResponse>({ kind: 'flow', flow: settingsWith('after') }),
  });
  const { page } = app;
  await page.getByTestId('nav/settings').click();
  const form = page.getByTestId('flow/settings');
  const sections = () =>
    form
      .locator('[data-section]')
      .evaluateAll((all) => all.map((section) => section.getAttribute('data-section')));
  const expected = ['profile', 'password', 'oidc', 'totp', 'lookup_secret'];
  await expect.poll(sections).toEqual(expected);
  await expect(form.getByTestId('section/totp/status')).toHaveText(
    'On: signing in asks for a code from your authenticator app.',
  );
  await expect(form.getByTestId('section/lookup_secret/status')).toHaveText(
    'Off: you have no backup recovery codes.',
  );
  await expect(form.getByTestId('section/oidc/status')).toHaveText('Linked: GitHub.');
  await expect(form.getByTestId('section/password/status')).toHaveCount(0);

  await form.getByTestId('field/lookup_secret_regenerate/true').click();
  await expect(form.getByTestId('section/lookup_secret/status')).toHaveText(
    'Not on yet: save these codes to turn them on.',
  );
  expect(await sections()).toEqual(expected);
  await app.close();
});

for (const language of ['en', 'de-DE'] as const) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`axe finds nothing on the new parts in ${language}, ${colorScheme}: "or", the sign-up step, section status`, async ({
      browser,
    }) => {
      const app = await open(
        browser,
        {
          'kratos:getState': ok(signedOut),
          'kratos:startFlow': startFlows({ login: signInFlow(), registration: signUpStep2() }),
        },
        { language },
      );
      const { page } = app;
      await page.emulateMedia({ colorScheme });
      await expect(page.getByTestId('flow/or')).toHaveText(language === 'en' ? 'or' : 'oder');
      await expectAccessible(page, `sign-in with providers (${language}, ${colorScheme})`);
      await page.getByTestId('nav/registration').click();
      await expect(page.getByTestId('flow/step')).toContainText(
        language === 'en' ? 'Step 2 of 2 · ada@example.com' : 'Schritt 2 von 2 · ada@example.com',
      );
      await expectAccessible(page, `step 2 of a sign-up (${language}, ${colorScheme})`);
      await app.close();

      const settings = await open(
        browser,
        {
          'kratos:getState': ok(signedIn(later())),
          'kratos:startFlow': ok<FlowResponse>({ kind: 'flow', flow: settingsWith('after') }),
        },
        { language },
      );
      await settings.page.emulateMedia({ colorScheme });
      await settings.page.getByTestId('nav/settings').click();
      await expect(settings.page.getByTestId('section/totp/status')).toBeVisible();
      await expectAccessible(settings.page, `settings with status lines (${language}, ${colorScheme})`);
      await settings.close();
    });
  }
}
