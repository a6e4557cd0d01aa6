/**
 * The terminal client's catalogue (en.ts, de.ts) and the one switch for every catalogue it speaks through:
 * its own, main's (the core's answers) and the window's (Kratos messages and button names in flow screens).
 * The language is `--lang`, else `KRATOS_DESKTOP_LANG`, else the POSIX locale (`LC_ALL`, `LC_MESSAGES`,
 * `LANG`), else English (shared/language.ts).
 */
import {
  catalogueFor as choose,
  languageEnvironmentVariable,
  posixLocale,
  supportedLanguage,
} from '../../shared/language';
import { selectLanguage as selectMainLanguage } from '../../main/strings';
import { selectLanguage as selectWindowLanguage } from '../../shared/strings';
import { de } from './de';
import { en, type CliCatalogue } from './en';

const catalogues = { en, de };

export const catalogueFor = (language: string | undefined): CliCatalogue => choose(catalogues, en, language);

/** Read at call time (`text.flow.leaveSettings`): `selectLanguage` switches it in place. */
export const text: CliCatalogue = { ...en };

/**
 * The language for this run: an explicit choice that names no catalogue is refused (undefined), so a typo in
 * `--lang` is said rather than silently read as English.
 */
export function languageFor(
  flag: string | undefined,
  environment: Readonly<Record<string, string | undefined>>,
): { tag: string } | { refused: string } {
  const explicit = flag ?? environment[languageEnvironmentVariable];
  if (explicit !== undefined && explicit !== '') {
    return supportedLanguage(explicit) === undefined ? { refused: explicit } : { tag: explicit };
  }
  return { tag: posixLocale(environment) ?? 'en' };
}

/** Switches the CLI's, main's and the window's catalogues to the language of `tag`. */
export function selectLanguage(tag: string): void {
  Object.assign(text, catalogueFor(tag));
  selectMainLanguage(tag);
  selectWindowLanguage(tag);
}
