/**
 * The string catalogue: every sentence the window shows, in one typed object per language. A translation is
 * one more file shaped like en.ts (`Catalogue`), listed below; nothing else changes. The language is the
 * system's (`navigator.language`), else English.
 *
 * Plain entries are strings; entries that take values are functions (typed parameters, no placeholder
 * syntax to get wrong). Kratos's messages are the `kratos` table, keyed by message id (en-kratos.ts).
 */
import { catalogueFor as choose } from '../../../shared/language';
import { en, type Catalogue } from './en';

const catalogues: Readonly<Record<string, Catalogue>> = { en };

/** The catalogue for a BCP 47 language tag (`de-AT` → `de` → English). */
export const catalogueFor = (language: string | undefined): Catalogue => choose(catalogues, en, language);

export const strings: Catalogue = catalogueFor(
  (globalThis as { navigator?: { language?: string } }).navigator?.language,
);
