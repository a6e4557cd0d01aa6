/**
 * Where the focus lands after each step, against a scripted main (harness/scripted.ts): the new screen's
 * heading or first field, a settings section's own result, never `<body>`. Also the window title per screen
 * and the active tab marked by more than colour.
 */
import { expect, test } from '@playwright/test';
import type { FlowResponse } from '../../../shared/ipc-contract';
import {
  codeSentFlow,
  later,
  ok,
  open,
  settingsFlow,
  settingsScript,
  signedIn,
  signedOut,
  signInScript,
  startFlows,
} from '../harness/scripted';
import { uiText } from '../../support/nodes';

test('after signing in, the focus is on the session screen heading and the title names it', async ({
  browser,
}) => {
  const app = await open(browser, signInScript({ 'kratos:submitFlow': ok<FlowResponse>({ kind: 'done' }) }));
  const { page } = app;
  await expect(page).toHaveTitle('Sign in – Kratos Desktop');
  await page.getByTestId('field/identifier').fill('ada@example.com');
  await page.getByTestId('field/password').fill('secret password');
  await page.getByTestId('field/method/password').click();
  await app.send('kratos:state', signedIn(later()));
  await expect(page.getByRole('heading', { name: 'Your session' })).toBeFocused();
  await expect(page).toHaveTitle('Your session – Kratos Desktop');
  await app.close();
});

test('settings: each button is named for what it saves, and its result is announced in its own section', async ({
  browser,
}) => {
  const app = await open(
    browser,
    settingsScript({
      'kratos:submitFlow': ok<FlowResponse>({
        kind: 'flow',
        flow: settingsFlow([uiText(1050001, 'Your changes have been saved!', undefined, 'success')]),
      }),
    }),
  );
  const { page } = app;
  await page.getByTestId('nav/settings').click();
  const form = page.getByTestId('flow/settings');
  await expect(form.getByRole('button', { name: 'Save profile' })).toBeVisible();
  await expect(form.getByRole('button', { name: 'Change password' })).toBeVisible();
  await expect(form.getByRole('button', { name: 'Save', exact: true })).toHaveCount(0);
  await expect(form.getByLabel('New password')).toBeVisible();
  await expect(page.getByTestId('nav/settings')).toHaveAttribute('aria-current', 'page');

  await form.getByLabel('New password').fill('correct-Horse-battery-9');
  await form.getByRole('button', { name: 'Change password' }).click();
  const saved = page.getByTestId('ui/message/1050001');
  await expect(saved).toBeFocused();
  // Beside the password section, not at the top of the form, and the E-Mail field did not take the focus.
  await expect(
    form.getByRole('region', { name: 'Password' }).getByTestId('ui/message/1050001'),
  ).toBeVisible();
  await expect(form.getByTestId('field/traits.email')).not.toBeFocused();
  await app.close();
});

test('after a recovery the focus is on the new password, in the settings the recovery opened', async ({
  browser,
}) => {
  const app = await open(browser, {
    'kratos:getState': ok(signedOut),
    'kratos:startFlow': startFlows({ recovery: codeSentFlow('recovery') }),
    'kratos:submitFlow': ok<FlowResponse>({
      kind: 'done',
      message: 'Your account is recovered. Choose a new password now.',
      next: settingsFlow(),
    }),
  });
  const { page } = app;
  await page.getByTestId('nav/recovery').click();
  const code = page.getByTestId('field/code');
  await expect(code).toHaveAttribute('autocomplete', 'one-time-code');
  await expect(code).toHaveAttribute('inputmode', 'numeric');
  await code.fill('123456');
  await page.getByTestId('field/method/code').click();
  await app.send('kratos:state', signedIn(later()));
  await expect(page.getByTestId('flow/settings').getByLabel('New password')).toBeFocused();
  await app.close();
});

test('a finished verification takes the focus to what it says, with a next step that fits', async ({
  browser,
}) => {
  const app = await open(browser, {
    'kratos:getState': ok(signedOut),
    'kratos:startFlow': startFlows({ verification: codeSentFlow('verification') }),
    'kratos:submitFlow': ok<FlowResponse>({ kind: 'done', message: 'Your email address is verified.' }),
  });
  const { page } = app;
  await page.getByTestId('nav/verification').click();
  await page.getByTestId('field/code').fill('123456');
  await page.getByTestId('field/method/code').click();
  await expect(page.getByTestId('flow/done')).toBeFocused();
  await expect(page.getByTestId('flow/restart')).toHaveText('Verify another address');
  await app.close();
});

test('the active tab is marked by more than colour', async ({ browser }) => {
  const app = await open(browser, { 'kratos:getState': ok(signedIn(later())) });
  const { page } = app;
  const style = (id: string) =>
    page.getByTestId(id).evaluate((element) => {
      const computed = element.ownerDocument.defaultView!.getComputedStyle(element);
      return { weight: computed.fontWeight, line: computed.textDecorationLine };
    });
  expect(await style('nav/session')).toEqual({ weight: '700', line: 'underline' });
  expect(await style('nav/settings')).not.toEqual({ weight: '700', line: 'underline' });
  await app.close();
});
