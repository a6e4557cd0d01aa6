/**
 * Which language the person reads: one rule for the window's catalogue (shared/strings), main's
 * (main/strings) and the terminal client's (cli/strings). The choice is an override when there is one (the
 * window's language setting, `--lang`, `KRATOS_DESKTOP_LANG`), else the system's locale; a tag without a
 * catalogue falls back to English. Own keys only, so a tag such as `__proto__` or `constructor` finds nothing
 * inherited.
 */

/** Names the language for the app and the terminal client (`de`, `en`, `de-AT`), over the system's. */
export const languageEnvironmentVariable = 'KRATOS_DESKTOP_LANG';

/** The languages with a catalogue, each named in its own language (the window's language setting lists them). */
export const languageNames = { en: 'English', de: 'Deutsch' } as const;
export type Language = keyof typeof languageNames;

/** The window's language setting: a catalogue's language, or the system's (`KRATOS_DESKTOP_LANG`, else the OS). */
export type LanguageChoice = Language | 'system';
export const languageChoices = ['system', ...(Object.keys(languageNames) as Language[])] as const;

/** The page-address parameter that carries the setting to the window (beside `lang`, the language shown). */
export const languageSettingParameter = 'setting';

/** `de-AT` → `de`; anything without a catalogue → undefined. */
export function supportedLanguage(tag: string | undefined): Language | undefined {
  const primary = (tag ?? '').trim().toLowerCase().replace(/_/g, '-').split(/[-.@]/)[0] ?? '';
  return Object.hasOwn(languageNames, primary) ? (primary as Language) : undefined;
}

/** The catalogue for a BCP 47 language tag (`de-AT` → `de`), else the fallback. */
export function catalogueFor<C>(
  catalogues: Readonly<Partial<Record<Language, C>>>,
  fallback: C,
  language: string | undefined,
): C {
  const supported = supportedLanguage(language);
  return (
    (supported !== undefined && Object.hasOwn(catalogues, supported) ? catalogues[supported] : undefined) ??
    fallback
  );
}

/**
 * The locale dates and numbers are written in: the chosen tag itself when its language is the catalogue's
 * (`de-AT` keeps Austrian dates), else the catalogue's language — never English dates in a German sentence.
 */
export function formattingLocale(tag: string | undefined, catalogueLocale: string): string {
  if (tag === undefined || supportedLanguage(tag) !== catalogueLocale) return catalogueLocale;
  try {
    return Intl.getCanonicalLocales(tag.replace(/_/g, '-').split('.')[0]!)[0] ?? catalogueLocale;
  } catch {
    return catalogueLocale;
  }
}

/** The POSIX locale variables, strongest first (`LC_ALL=de_DE.UTF-8`); `C` and `POSIX` name no language. */
export function posixLocale(environment: Readonly<Record<string, string | undefined>>): string | undefined {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const value = environment[name];
    if (value !== undefined && value !== '' && value !== 'C' && value !== 'POSIX' && !value.startsWith('C.'))
      return value;
  }
  return undefined;
}
