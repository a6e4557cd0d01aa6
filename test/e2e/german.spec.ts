/**
 * End to end in German: the window named `?lang=de-DE` by main (as main/window.ts does for a German system or
 * `KRATOS_DESKTOP_LANG=de`) and the main side speaking German too — one language for the window's sentences,
 * main's answers, Kratos's messages, dates and `<html lang>`. Every screen passes the axe audit
 * (support/audit.ts), in light and in dark. `KRATOS_DESKTOP_UPDATE_SCREENSHOTS=1` refreshes
 * docs/screenshots/german.png.
 */
import { expect, test } from '@playwright/test';
import { selectLanguage } from '../../main/strings';
import { expectAccessible } from './support/audit';
import {
  aalBadge,
  fillAndSubmit,
  openSettings,
  password,
  registerInWindow,
  screenshot,
} from './support/person';
import { e2eWorld } from './support/world';

const world = e2eWorld();

test.beforeEach(() => selectLanguage('de-DE'));
test.afterEach(() => selectLanguage(undefined));

test('in German: sign-up, session, other sessions, settings and sign-out read German, in light and dark, with no axe violation', async ({
  browser,
}, testInfo) => {
  const { open, quit, server, watch } = await world.create(browser);
  const email = `ada-de-${Date.now()}@example.com`;
  const light = await open({ language: 'de-DE' });
  const { page } = light.app;

  await expect(page.locator('html')).toHaveAttribute('lang', 'de-DE');
  await expect(page).toHaveTitle('Anmelden – Kratos Desktop');
  await expect(page.getByTestId('nav/registration')).toHaveText('Konto erstellen');
  await expectAccessible(page, 'the sign-in screen in German');

  await registerInWindow(page, email);
  watch.addToken(await light.main.keychain.store.get(server.url));
  await expect(aalBadge(page)).toHaveText('aal1');
  await expect(page).toHaveTitle('Ihre Sitzung – Kratos Desktop');
  await expect(page.getByTestId('session')).toContainText('Ein Faktor');
  await expectAccessible(page, 'the session screen in German');
  // The picture shows the screen, not where the focus happened to land.
  await page.evaluate('document.activeElement?.blur()');
  await screenshot(page, 'german', (name) => testInfo.outputPath(name), 'german');

  await page.getByTestId('nav/sessions').click();
  await expect(page.getByRole('heading', { name: 'Sitzungen', exact: true })).toBeVisible();
  await expectAccessible(page, 'the other sessions in German');

  await openSettings(page);
  await expect(page.getByTestId('flow/settings')).toContainText('Passwort ändern');
  await expectAccessible(page, 'the settings in German');

  // Main's sentence, in German: the notice after signing out.
  await page.getByTestId('nav/session').click();
  await page.getByTestId('session/logout').click();
  await expect(page.getByTestId('notice')).toHaveText('Sie sind abgemeldet.');
  await quit(light);

  // The app again, in dark: sign in with a wrong password first (Kratos's message in German), then rightly.
  const dark = await open({ language: 'de-DE' });
  await dark.app.page.emulateMedia({ colorScheme: 'dark' });
  const form = dark.app.page.getByTestId('flow/login');
  await expect(form).toBeVisible();
  await fillAndSubmit(dark.app.page, 'login', { identifier: email, password: 'nicht das Passwort 1' });
  await expect(form).toContainText('Das Passwort ist falsch, oder kein Konto verwendet');
  await expectAccessible(dark.app.page, 'a refused sign-in in German, dark');
  await fillAndSubmit(dark.app.page, 'login', { identifier: email, password });
  await expect(aalBadge(dark.app.page)).toHaveText('aal1');
  watch.addToken(await dark.main.keychain.store.get(server.url));
  await expectAccessible(dark.app.page, 'the session screen in German, dark');
  await openSettings(dark.app.page);
  await expectAccessible(dark.app.page, 'the settings in German, dark');
});
