/**
 * "Confirm it's you" (issue 25 item 8), against a scripted main (harness/scripted.ts): a settings change on a
 * session older than the server's privileged age asks for the password again. The screen names the account
 * and the change that waits (as GitHub's "Confirm access" and Google's "Verify it's you" do), takes the
 * focus to the password field, and offers Cancel (back to the form, no request) and "Forgot password?" (a
 * recovery in place). In both languages and both colour schemes, with no axe violation.
 */
import { expect, test, type Page } from '@playwright/test';
import type { FlowResponse, FlowView, StartFlowRequest } from '../../../shared/ipc-contract';
import { input, uiText } from '../../support/nodes';
import { expectAccessible } from '../support/audit';
import { flowView, ok, open, settingsFlow, settingsScript, startFlows, submits } from '../harness/scripted';

/** Kratos's refresh login for the signed-in person: the identifier hidden, the current password asked. */
function reauthentication(
  pendingChange: string | undefined,
  messages: FlowView['ui']['messages'] = [],
): FlowView {
  const flow = flowView(
    'login',
    [
      input('csrf_token', 'hidden', { value: '' }),
      input('identifier', 'hidden', { value: 'ada@example.com' }),
      input('password', 'password', {
        group: 'password',
        required: true,
        autocomplete: 'current-password',
        label: uiText(1070001, 'Password'),
      }),
      input('method', 'submit', { group: 'password', value: 'password', label: uiText(1010001, 'Sign in') }),
    ],
    { id: 'refresh-1', refresh: true, ...(pendingChange === undefined ? {} : { pendingChange }) },
  );
  flow.ui.messages = [
    uiText(1010003, 'Please confirm this action by verifying that it is you.'),
    ...(messages ?? []),
  ];
  return flow;
}

const recoveryFlow = flowView('recovery', [
  input('csrf_token', 'hidden', { value: '' }),
  input('email', 'email', { group: 'code', required: true, label: uiText(1070007, 'Email') }),
  input('method', 'submit', { group: 'code', value: 'code', label: uiText(1070005, 'Submit') }),
]);

const starts = (page: { invocations: { channel: string; args: unknown[] }[] }) =>
  page.invocations
    .filter((call) => call.channel === 'kratos:startFlow')
    .map((call) => (call.args[0] as StartFlowRequest).kind);

async function changePassword(page: Page): Promise<void> {
  await page.getByTestId('nav/settings').click();
  await page.getByTestId('flow/settings').getByTestId('field/password').fill('a-new-Long-passphrase-7');
  await page.getByTestId('field/method/password').click();
}

test('a settings change on an old session: "Confirm it\'s you" names the account and the change, the focus is on the password; Cancel goes back without a request', async ({
  browser,
}) => {
  const app = await open(
    browser,
    settingsScript({
      'kratos:startFlow': startFlows({ settings: settingsFlow(), recovery: recoveryFlow }),
      'kratos:submitFlow': (args: unknown[]) => {
        const { flowId } = args[0] as { flowId: string };
        return ok<FlowResponse>({
          kind: 'flow',
          flow:
            flowId === 'refresh-1'
              ? reauthentication('password', [
                  uiText(4000006, 'The provided credentials are invalid…', undefined, 'error'),
                ])
              : reauthentication('password'),
        });
      },
    }),
  );
  const { page } = app;
  await changePassword(page);

  const confirm = page.getByTestId('flow/confirm-identity');
  await expect(confirm.locator('h3').first()).toHaveText("Confirm it's you");
  await expect(page.getByRole('region', { name: "Confirm it's you" })).toBeVisible();
  await expect(confirm.getByTestId('confirm-identity/account')).toHaveText('Signed in as ada@example.com');
  await expect(confirm.getByTestId('confirm-identity/change')).toHaveText(
    'To keep your account safe, type your password again before your new password is saved. It is saved as soon as you confirm.',
  );
  // Kratos's own sentence (1010003) is what the frame says: not twice.
  await expect(page.getByTestId('ui/message/1010003')).toHaveCount(0);
  const current = confirm.getByTestId('field/password');
  await expect(current).toBeFocused();
  await expect(current).toHaveAttribute('autocomplete', 'current-password');
  await expectAccessible(page, "Confirm it's you");

  // A wrong password: still confirming, with Cancel still going back to the change's form.
  await current.fill('not-it');
  await confirm.getByTestId('field/method/password').click();
  await expect(page.getByTestId('ui/message/4000006')).toBeVisible();
  await expect(confirm).toBeVisible();
  expect(submits(app).map((call) => (call.args[0] as { flowId: string }).flowId)).toEqual([
    'settings-1',
    'refresh-1',
  ]);

  await confirm.getByTestId('confirm-identity/cancel').click();
  await expect(page.getByTestId('flow/confirm-identity')).toHaveCount(0);
  await expect(page.getByTestId('flow/settings')).toBeVisible();
  // The form the change was made on, as it was: no new flow asked for, no password carried over.
  expect(starts(app)).toEqual(['settings']);
  await expect(page.getByTestId('flow/settings').getByTestId('field/password')).toHaveValue('');
  await app.close();
});

test('"Forgot password?" while confirming: a recovery in place of the settings, and back', async ({
  browser,
}) => {
  const app = await open(
    browser,
    settingsScript({
      'kratos:startFlow': startFlows({ settings: settingsFlow(), recovery: recoveryFlow }),
      'kratos:submitFlow': ok<FlowResponse>({ kind: 'flow', flow: reauthentication('profile') }),
    }),
  );
  const { page } = app;
  await page.getByTestId('nav/settings').click();
  await page.getByTestId('field/method/profile').click();
  await expect(page.getByTestId('confirm-identity/change')).toContainText(
    'before your profile change is saved',
  );

  await page.getByTestId('confirm-identity/forgot').click();
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('Recover your account');
  await expect(page.getByTestId('flow/recovery')).toBeVisible();
  await expect(page.getByTestId('flow/recovery').getByTestId('field/email')).toBeFocused();
  expect(starts(app)).toEqual(['settings', 'recovery']);
  await expectAccessible(page, 'recovery from "Confirm it\'s you"');

  await page.getByTestId('nav/back-to-settings').click();
  await expect(page.getByTestId('flow/settings')).toBeVisible();
  await app.close();
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`in German, ${colorScheme}: "Bestätigen Sie Ihre Identität" with the account and the change, no axe violation`, async ({
    browser,
  }) => {
    const app = await open(
      browser,
      settingsScript({
        'kratos:submitFlow': ok<FlowResponse>({ kind: 'flow', flow: reauthentication('totp') }),
      }),
      { language: 'de-DE' },
    );
    const { page } = app;
    await page.emulateMedia({ colorScheme });
    await page.getByTestId('nav/settings').click();
    await page.getByTestId('flow/settings').getByTestId('field/password').fill('ein-neues-Langes-passwort-7');
    await page.getByTestId('field/method/password').click();
    const confirm = page.getByTestId('flow/confirm-identity');
    await expect(confirm.locator('h3').first()).toHaveText('Bestätigen Sie Ihre Identität');
    await expect(confirm.getByTestId('confirm-identity/account')).toHaveText(
      'Angemeldet als ada@example.com',
    );
    await expect(confirm.getByTestId('confirm-identity/change')).toContainText(
      'bevor Ihre Änderung an der Authenticator-App gespeichert wird',
    );
    await expect(confirm.getByTestId('confirm-identity/cancel')).toHaveText('Abbrechen');
    await expect(confirm.getByTestId('confirm-identity/forgot')).toHaveText('Passwort vergessen?');
    await expect(confirm.getByTestId('field/password')).toBeFocused();
    await app.close();
  });
}
