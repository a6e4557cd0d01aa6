/**
 * Main's catalogue in the system's language, else English (the same rule as the window's,
 * renderer/src/strings/index.ts). A translation is one more file shaped like en.ts (`MainCatalogue`), listed
 * below; nothing else changes.
 */
import { catalogueFor as choose } from '../../shared/language';
import { en, type MainCatalogue } from './en';

const catalogues: Readonly<Record<string, MainCatalogue>> = { en };

/** The catalogue for a BCP 47 language tag (`de-AT` → `de` → English). */
export const catalogueFor = (language: string | undefined): MainCatalogue => choose(catalogues, en, language);

/** Node's and Electron's main process take the system locale (`LANG`, the OS setting) into Intl. */
export const text: MainCatalogue = catalogueFor(new Intl.DateTimeFormat().resolvedOptions().locale);
