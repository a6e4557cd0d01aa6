/**
 * Main's catalogue (the same rule as the window's, shared/strings/index.ts): en.ts and de.ts, one file
 * per language shaped like en.ts (`MainCatalogue`), listed below; a test fails while one misses an entry.
 *
 * `text` starts in the system's language (Node's and Electron's Intl take it from `LANG`, the OS setting)
 * and is switched in place by `selectLanguage` once the app knows the person's choice (main/index.ts, the
 * terminal client's `--lang`). Modules read it at call time (`text.flows.saved`), never into constants.
 */
import { catalogueFor as choose, formattingLocale } from '../../shared/language';
import { de } from './de';
import { en, type MainCatalogue } from './en';

const catalogues = { en, de };

/** The catalogue for a BCP 47 language tag (`de-AT` → `de` → English). */
export const catalogueFor = (language: string | undefined): MainCatalogue => choose(catalogues, en, language);

const systemTag = new Intl.DateTimeFormat().resolvedOptions().locale;
let chosenTag: string | undefined = systemTag;

export const text: MainCatalogue = { ...catalogueFor(systemTag) };

/** Switches `text` to the language of `tag` (an override, or the system's when undefined). */
export function selectLanguage(tag: string | undefined): void {
  chosenTag = tag ?? systemTag;
  Object.assign(text, catalogueFor(chosenTag));
}

/** The locale main writes dates and numbers in: the catalogue's, with the system's region if it matches. */
export const formatLocale = (): string => formattingLocale(chosenTag, text.locale);
