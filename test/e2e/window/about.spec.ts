/**
 * The About view and the update offer (issue 24): reachable from the top bar on every screen, the versions,
 * the server and where updates stand in words; a verified update offered with "Restart to update" / "Later",
 * which never takes the focus; the same in German. Scripted main (harness/scripted.ts); the update journey
 * itself is test/main/update/updates.test.ts, against a real feed.
 */
import { expect, test, type Page } from '@playwright/test';
import type { AboutView, ActionResponse, SessionView, UpdateView } from '../../../shared/ipc-contract';
import { base, ok, open, signInScript } from '../harness/scripted';
import { expectAccessible } from '../support/audit';

const about = (update: UpdateView): AboutView => ({
  appVersion: '0.1.0',
  electronVersion: '45.4.1',
  chromiumVersion: '140.0.7339.0',
  server: base.endpoint,
  update,
});
const dialog = (page: Page, name = 'About Kratos Desktop') => page.getByRole('dialog', { name });

test('the About view is reachable from the top bar: versions, the server and the update state, then back', async ({
  browser,
}) => {
  const app = await open(
    browser,
    signInScript({ 'kratos:about': ok(about({ state: 'off', reason: 'no-feed' })) }),
  );
  const { page } = app;
  await expect(page.getByTestId('flow/login')).toBeVisible();
  const button = page.getByRole('button', { name: 'About' });
  await button.click();
  await expect(dialog(page)).toBeVisible();
  await expect(page.getByTestId('about/close')).toBeFocused();
  await expect(page.getByTestId('about/version')).toHaveText('0.1.0');
  await expect(dialog(page)).toContainText('45.4.1');
  await expect(dialog(page)).toContainText('140.0.7339.0');
  await expect(page.getByTestId('about/server')).toHaveText(base.endpoint.url);
  await expect(page.getByTestId('about/update')).toHaveText(
    'This package has no update feed: its provider publishes new versions another way.',
  );
  // Nothing to install: no restart offered.
  await expect(page.getByTestId('update/restart')).toHaveCount(0);
  await expectAccessible(page, 'the About view');
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toHaveCount(0);
  await expect(button).toBeFocused();
  await app.close();
});

test('the About view is there before a server is chosen too', async ({ browser }) => {
  const app = await open(browser, {
    'kratos:getState': ok<SessionView>({ status: 'no-server', keychain: base.keychain }),
    'kratos:about': ok({ ...about({ state: 'off', reason: 'development' }), server: undefined }),
  });
  const { page } = app;
  await page.getByRole('button', { name: 'About' }).click();
  await expect(page.getByTestId('about/server')).toHaveText('None chosen yet');
  await expect(page.getByTestId('about/update')).toHaveText(
    'This is a development build: it never updates itself.',
  );
  await page.getByTestId('about/close').click();
  await expect(dialog(page)).toHaveCount(0);
  await app.close();
});

test('a verified update is offered without taking the focus; Later hides it, About still offers the restart', async ({
  browser,
}) => {
  const restarts: unknown[] = [];
  const app = await open(
    browser,
    signInScript({
      'kratos:about': ok(about({ state: 'downloading', version: '0.2.0', percent: 40 })),
      'kratos:restartToUpdate': () => (restarts.push(1), ok<ActionResponse>({ kind: 'ok' })),
    }),
  );
  const { page } = app;
  await expect(page.getByTestId('flow/login')).toBeVisible();
  const identifier = page.locator('input[name="identifier"]');
  await identifier.focus();

  await app.send('kratos:update', {
    state: 'downloading',
    version: '0.2.0',
    percent: 40,
  } satisfies UpdateView);
  await expect(page.getByTestId('update/offer')).toHaveCount(0);
  await app.send('kratos:update', { state: 'ready', version: '0.2.0' } satisfies UpdateView);
  const offer = page.getByTestId('update/offer');
  await expect(offer).toContainText('Version 0.2.0 of Kratos Desktop is ready to install.');
  await expect(offer.getByRole('status')).toBeVisible();
  await expect(identifier).toBeFocused();
  await expectAccessible(page, 'the update offer');

  await offer.getByRole('button', { name: 'Later' }).click();
  await expect(offer).toHaveCount(0);
  expect(restarts).toHaveLength(0);

  // The pushed state is newer than the one `about` answered with.
  await page.getByRole('button', { name: 'About' }).click();
  await expect(page.getByTestId('about/update')).toHaveText('Version 0.2.0 is downloaded and verified.');
  await dialog(page).getByRole('button', { name: 'Restart to update' }).click();
  await expect.poll(() => restarts.length).toBe(1);
  await app.close();
});

test('a restart main refuses says why, in the offer', async ({ browser }) => {
  const refusal = 'No update is ready to install. The About view says where updates stand.';
  const app = await open(
    browser,
    signInScript({ 'kratos:restartToUpdate': ok<ActionResponse>({ kind: 'error', message: refusal }) }),
  );
  const { page } = app;
  await expect(page.getByTestId('flow/login')).toBeVisible();
  await app.send('kratos:update', { state: 'ready', version: '0.2.0' } satisfies UpdateView);
  await page.getByRole('button', { name: 'Restart to update' }).click();
  await expect(page.getByTestId('update/result')).toHaveText(refusal);
  await app.close();
});

test('in German: the About view and the offer', async ({ browser }) => {
  const app = await open(
    browser,
    signInScript({
      'kratos:about': ok(about({ state: 'failed', version: '0.2.0', reason: 'not-verified' })),
    }),
    { language: 'de-DE', locale: 'de-DE' },
  );
  const { page } = app;
  await page.getByRole('button', { name: 'Über' }).click();
  await expect(dialog(page, 'Über Kratos Desktop')).toBeVisible();
  await expect(page.getByTestId('about/update')).toHaveText(
    'Der Download von Version 0.2.0 stimmte nicht mit dem überein, was der Update-Server veröffentlicht hat. Er wurde abgelehnt, nichts wurde installiert. Die App versucht es später erneut.',
  );
  await expectAccessible(page, 'the German About view');
  await page.getByRole('button', { name: 'Schließen' }).click();
  await app.send('kratos:update', { state: 'ready', version: '0.2.0' } satisfies UpdateView);
  await expect(page.getByTestId('update/offer')).toContainText(
    'Version 0.2.0 von Kratos Desktop ist zur Installation bereit.',
  );
  await expect(page.getByRole('button', { name: 'Neu starten und aktualisieren' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Später' })).toBeVisible();
  await app.close();
});
