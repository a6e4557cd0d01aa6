/**
 * End to end: the language setting in the window's top bar (issue 25), on the real main side. Choosing
 * Deutsch saves it (settings.json), switches main's own sentences and loads the page again in German
 * (`?lang=de&setting=de`); the next start opens in German; System goes back to the system's language.
 * Audited with axe in both languages and both colour schemes.
 */
import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/audit';
import { aalBadge, fillAndSubmit, password, registerThroughApi } from './support/person';
import { e2eWorld } from './support/world';

const world = e2eWorld();

test('the top bar language selector: Deutsch reloads the window in German and main speaks it; a restart keeps it; System goes back', async ({
  browser,
}) => {
  const { open, quit, server, watch, client } = await world.create(browser);
  const email = `sprache-${Date.now()}@example.com`;
  watch.addToken(await registerThroughApi(client, email));

  const first = await open();
  const { page } = first.app;
  const select = page.getByTestId('topbar/language');
  await expect(select).toHaveValue('system');
  await expect(page.getByRole('combobox', { name: 'Language' })).toBeVisible();
  // Each language named in its own language, the system's choice first.
  await expect(select.locator('option')).toHaveText(['System', 'English', 'Deutsch']);
  await expect(select.locator('option[value="de"]')).toHaveAttribute('lang', 'de');
  await expect(page.getByTestId('flow/login')).toBeVisible();
  await expectAccessible(page, 'sign-in with the language selector, English');

  await select.selectOption('de');
  await expect(page).toHaveURL(/\?lang=de&setting=de$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(page.getByRole('combobox', { name: 'Sprache' })).toHaveValue('de');
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('Anmelden');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectAccessible(page, 'sign-in in German, dark');

  // Main's own sentences follow: its notice after signing out is German.
  await fillAndSubmit(page, 'login', { identifier: email, password });
  await expect(aalBadge(page)).toHaveText('aal1');
  watch.addToken(await first.main.keychain.store.get(server.url));
  await page.getByTestId('session/logout').click();
  await expect(page.getByTestId('notice')).toHaveText('Sie sind abgemeldet.');
  await quit(first);

  // The next start: German from the first screen.
  const second = await open();
  const again = second.app.page;
  await expect(again.locator('html')).toHaveAttribute('lang', 'de');
  await expect(again.getByTestId('topbar/language')).toHaveValue('de');
  await expect(again.getByRole('heading', { level: 2 })).toHaveText('Anmelden');
  await expectAccessible(again, 'sign-in in German, light');

  await again.getByTestId('topbar/language').selectOption('system');
  await expect(again).toHaveURL(/\?setting=system$/);
  await expect(again.getByTestId('topbar/language')).toHaveValue('system');
});
