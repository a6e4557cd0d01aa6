/**
 * The passkey screens in English and in German (docs/passkeys.md): "Continue in your browser…" while the
 * passkey page is open, then settings with the one passkey (its remove button off, and why). Each is checked
 * in its language and passes the axe audit; `KRATOS_DESKTOP_UPDATE_SCREENSHOTS=1` refreshes
 * docs/screenshots/passkey-{wait,settings}{,-de}.png. On the emulator and, under e2e-kratos, on real Kratos
 * v26.2.0 configured for passkeys (support/passkeys.ts).
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { selectLanguage } from '../../main/strings';
import { expectAccessible } from './support/audit';
import { atThePage, enterSignUpAddress, passkeyWorld, signedInAs, uniqueEmail } from './support/passkeys';
import { openSettings, screenshot } from './support/person';
import { e2eWorld } from './support/world';

const passkeys = passkeyWorld(e2eWorld());

/** The waiting screen, then settings with the one passkey: checked, audited and pictured in `language`. */
const screens = {
  en: {
    signUp: 'Sign up with passkey',
    heading: 'Continue in your browser…',
    waiting: 'Waiting for your passkey in your browser…',
    remove: /^Remove passkey "unnamed", added .+$/,
    section: 'Passkey',
    lastOne:
      'This passkey is the only way to sign in to your account, so it cannot be removed. Add another passkey first.',
  },
  de: {
    signUp: 'Mit Passkey registrieren',
    heading: 'Weiter in Ihrem Browser…',
    waiting: 'Warten auf Ihren Passkey in Ihrem Browser…',
    remove: /^Passkey „unnamed“ entfernen, hinzugefügt .+$/,
    section: 'Passkey',
    lastOne:
      'Dieser Passkey ist die einzige Möglichkeit, sich bei Ihrem Konto anzumelden, und kann daher nicht entfernt werden. Fügen Sie zuerst einen weiteren Passkey hinzu.',
  },
} as const;

for (const [language, words] of Object.entries(screens)) {
  test(`the passkey screens in ${language === 'de' ? 'German' : 'English'}: waiting for the browser, then the passkey in settings`, async ({
    browser,
  }, testInfo) => {
    selectLanguage(language);
    try {
      const app = await passkeys.open(browser, { language: language === 'de' ? 'de-DE' : 'en-US' });
      const { page } = app;
      const suffix = language === 'de' ? '-de' : '';
      const email = uniqueEmail(`screens-${language}`);
      await enterSignUpAddress(page, email);
      await page.getByRole('button', { name: words.signUp, exact: true }).click();
      const wait = page.getByTestId('flow/browser-wait');
      await expect(wait.getByRole('heading', { name: words.heading })).toBeFocused();
      await expect(wait.getByTestId('progress')).toContainText(words.waiting);
      await expectAccessible(page, `the passkey waiting screen (${language})`);
      await picture(page, `passkey-wait${suffix}`, testInfo.outputPath.bind(testInfo));

      await atThePage(app);
      await signedInAs(app, email);
      await openSettings(page);
      const remove = page.getByTestId('flow/settings').getByRole('button', { name: words.remove });
      await expect(remove).toBeDisabled();
      await expect(page.getByTestId('field/passkey_remove/note')).toHaveText(words.lastOne);
      await expectAccessible(page, `settings with one passkey (${language})`);
      // The passkeys' own section: the rest of settings is pictured in settings.png.
      await picture(
        page.getByRole('region', { name: words.section, exact: true }),
        `passkey-settings${suffix}`,
        testInfo.outputPath.bind(testInfo),
      );
    } finally {
      selectLanguage(undefined);
    }
  });
}

/** A picture of the screen (not of where the focus landed), for docs/passkeys.md. */
async function picture(
  target: Page | Locator,
  name: string,
  outputPath: (name: string) => string,
): Promise<void> {
  await ('goto' in target ? target : target.page()).evaluate('document.activeElement?.blur()');
  await screenshot(target, name, outputPath, name);
}
