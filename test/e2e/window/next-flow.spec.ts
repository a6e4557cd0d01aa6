/**
 * The flow a finished one names, whichever comes first: main's state push or the submit's answer
 * (renderer/src/screen.ts, docs/adr/0016-one-source-for-the-screen.md). Main pushes first, so the screen that
 * sent the submit is gone before its answer arrives; the window then waits for that answer instead of
 * starting a flow of its own, and shows the named flow once, with its note. Against a scripted main
 * (harness/scripted.ts) that answers the submit when the test says, before or after the push.
 */
import { expect, test, type Page } from '@playwright/test';
import type { FlowResponse, SessionView, StartFlowRequest } from '../../../shared/ipc-contract';
import {
  base,
  codeSentFlow,
  flowView,
  later,
  loginFlow,
  ok,
  open,
  pendingAnswer,
  secondFactorFlow,
  settingsFlow,
  signedIn,
  signedOut,
  startFlows,
} from '../harness/scripted';
import type { AppHarness } from '../harness';
import { input, uiText } from '../../support/nodes';

const orders = ['the state push first', 'the answer first'] as const;

/** Sends the submit's answer and the state push in `order`. */
async function arrive(
  app: AppHarness,
  order: (typeof orders)[number],
  push: SessionView,
  answer: () => void,
): Promise<void> {
  if (order === 'the state push first') {
    await app.send('kratos:state', push);
    // The new screen waits for the answer on its way: it starts no flow of its own meanwhile.
    await expect(app.page.getByTestId('progress')).toHaveText('Contacting the server…');
    answer();
  } else {
    answer();
    await expect(app.page.getByTestId('flow/done')).toBeVisible();
    await app.send('kratos:state', push);
  }
}

const starts = (app: AppHarness) =>
  app.invocations
    .filter((call) => call.channel === 'kratos:startFlow')
    .map((call) => call.args[0] as StartFlowRequest);

async function sendCode(page: Page): Promise<void> {
  await page.getByTestId('nav/recovery').click();
  await page.getByTestId('field/code').fill('123456');
  await page.getByTestId('field/method/code').click();
}

for (const order of orders) {
  test(`a recovery code, ${order}: the settings main named, the new password focused, no settings flow started`, async ({
    browser,
  }) => {
    const submit = pendingAnswer<FlowResponse>();
    const named = { ...settingsFlow(), id: 'settings-named' };
    const app = await open(browser, {
      'kratos:getState': ok(signedOut),
      'kratos:startFlow': startFlows({ recovery: codeSentFlow('recovery') }),
      'kratos:submitFlow': submit.promise,
    });
    const { page } = app;
    await sendCode(page);
    await arrive(app, order, signedIn(later()), () =>
      submit.answer(
        ok<FlowResponse>({
          kind: 'done',
          message: 'Your account is recovered. Choose a new password now.',
          next: named,
        }),
      ),
    );

    await expect(page.getByTestId('nav/settings')).toHaveAttribute('aria-current', 'page');
    const form = page.getByTestId('flow/settings');
    await expect(form.getByLabel('New password')).toBeFocused();
    await expect(page.getByTestId('flow/done')).toHaveText(
      'Your account is recovered. Choose a new password now.',
    );
    expect(starts(app).map(({ kind }) => kind)).toEqual(['login', 'recovery']);
    await app.close();
  });

  test(`a password, then the second factor, ${order}: the aal2 flow main named with its note, none started`, async ({
    browser,
  }) => {
    const submit = pendingAnswer<FlowResponse>();
    const app = await open(browser, {
      'kratos:getState': ok(signedOut),
      'kratos:startFlow': ok<FlowResponse>({ kind: 'flow', flow: loginFlow() }),
      'kratos:submitFlow': submit.promise,
    });
    const { page } = app;
    await page.getByTestId('field/identifier').fill('ada@example.com');
    await page.getByTestId('field/password').fill('secret password');
    await page.getByTestId('field/method/password').click();
    const secondFactor: SessionView = { ...base, status: 'second-factor-required', methods: ['totp'] };
    await arrive(app, order, secondFactor, () =>
      submit.answer(
        ok<FlowResponse>({
          kind: 'done',
          message: 'First step done. Complete the second factor to finish signing in.',
          next: { ...secondFactorFlow(), id: 'login-aal2' },
        }),
      ),
    );

    const step = page.getByTestId('second-factor');
    await expect(step.getByTestId('flow/done')).toHaveText(
      'First step done. Complete the second factor to finish signing in.',
    );
    await expect(step.getByTestId('field/totp_code')).toBeFocused();
    expect(starts(app).map(({ kind, aal }) => [kind, aal ?? 'aal1'])).toEqual([['login', 'aal1']]);
    await app.close();
  });

  test(`a sign-up that signs in and names a verification, ${order}: its code field in the settings tab`, async ({
    browser,
  }) => {
    const submit = pendingAnswer<FlowResponse>();
    const app = await open(browser, {
      'kratos:getState': ok(signedOut),
      'kratos:startFlow': startFlows({ registration: signUp() }),
      'kratos:submitFlow': submit.promise,
    });
    const { page } = app;
    await page.getByTestId('nav/registration').click();
    await page.getByTestId('field/traits.email').fill('ada@example.com');
    await page.getByTestId('field/password').fill('correct-Horse-battery-9');
    await page.getByTestId('field/method/password').click();
    // The answer first: a verification fits the sign-in screen too, and the push after it moves it on.
    await arrive(app, order, signedIn(later()), () =>
      submit.answer(
        ok<FlowResponse>({
          kind: 'done',
          message: 'Your account was created and you are signed in.',
          next: codeSentFlow('verification'),
        }),
      ),
    );
    await expect(page.getByTestId('nav/settings')).toHaveAttribute('aria-current', 'page');
    await expect(page.getByTestId('flow/verification').getByTestId('field/code')).toBeVisible();
    expect(starts(app).map(({ kind }) => kind)).toEqual(['login', 'registration']);
    await app.close();
  });
}

function signUp() {
  return flowView('registration', [
    input('traits.email', 'email', { required: true, label: uiText(1070002, 'E-Mail') }),
    input('password', 'password', { group: 'password', required: true, label: uiText(1070001, 'Password') }),
    input('method', 'submit', {
      group: 'password',
      value: 'password',
      label: uiText(1040001, 'Sign up'),
    }),
  ]);
}
