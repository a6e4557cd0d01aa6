/**
 * The string catalogue: every sentence the window shows, in one typed object per language (en.ts, de.ts; a
 * translation is one more file shaped like en.ts, `Catalogue`, listed below, and a test fails while it misses
 * an entry of en.ts). The language is the one main names in the page's address (`?lang=`, the person's
 * setting or `KRATOS_DESKTOP_LANG`), else the system's (`navigator.language`), else English.
 *
 * Plain entries are strings; entries that take values are functions (typed parameters, no placeholder
 * syntax to get wrong). Kratos's messages are the `kratos` table, keyed by message id (en-kratos.ts).
 */
import { catalogueFor as choose, formattingLocale } from '../language';
import { de } from './de';
import { en, type Catalogue } from './en';

const catalogues = { en, de };

/** The catalogue for a BCP 47 language tag (`de-AT` → `de` → English). */
export const catalogueFor = (language: string | undefined): Catalogue => choose(catalogues, en, language);

/** The language main asked for in the page's address, else the system's (undefined outside a browser). */
function pageLanguage(): string | undefined {
  const page = globalThis as { location?: { search?: string }; navigator?: { language?: string } };
  const asked = new URLSearchParams(page.location?.search ?? '').get('lang');
  return asked ?? page.navigator?.language;
}

/**
 * The catalogue in use. Read at call time (`strings.flow.done`), never copied into a constant of another
 * module: the terminal client, which shares the flow texts, picks its language (`selectLanguage`) after the
 * modules have loaded.
 */
export const strings: Catalogue = { ...catalogueFor(pageLanguage()) };
let chosenTag = pageLanguage();

/** Switches `strings` to the language of `tag` (the terminal client's `--lang`; the window reloads instead). */
export function selectLanguage(tag: string | undefined): void {
  Object.assign(strings, catalogueFor(tag));
  chosenTag = tag;
}

/** The locale dates, numbers and plurals are written in: the catalogue's, with the system's region if it matches. */
export const formatLocale = (): string => formattingLocale(chosenTag, strings.locale);
