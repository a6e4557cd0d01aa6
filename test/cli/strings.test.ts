/**
 * The terminal client's catalogue (cli/strings): German has every entry of English, the language comes from
 * `--lang`, `KRATOS_DESKTOP_LANG` or the POSIX locale, one switch changes the CLI's, main's and the window's
 * words together, and no CLI module writes a sentence of its own.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogueFor, languageFor, selectLanguage, text } from '../../cli/strings';
import { de } from '../../cli/strings/de';
import { en } from '../../cli/strings/en';
import { text as mainText } from '../../main/strings';
import { strings as windowStrings } from '../../shared/strings';
import {
  emptyEntries,
  expectComplete,
  expectLanguageChoice,
  sentencesIn,
  sourcesOutsideStrings,
} from '../support/catalogue';

describe("the terminal client's catalogues", () => {
  it('German has every entry of English', () => {
    expectComplete(en, de, { english: 'cli/strings/en.ts', translation: 'cli/strings/de.ts' });
  });

  it('has text in every entry', () => {
    expect(emptyEntries(en, 'en')).toEqual([]);
    expect(emptyEntries(de, 'de')).toEqual([]);
  });

  it("takes the catalogue of the language's tag, else English", () => {
    expectLanguageChoice(catalogueFor, { en, de });
  });
});

describe('languageFor', () => {
  it('--lang, else KRATOS_DESKTOP_LANG, else LC_ALL, LC_MESSAGES, LANG; C and POSIX name none', () => {
    expect(languageFor('de', { KRATOS_DESKTOP_LANG: 'en', LANG: 'en_US.UTF-8' })).toEqual({ tag: 'de' });
    expect(languageFor(undefined, { KRATOS_DESKTOP_LANG: 'de-CH', LANG: 'en_US.UTF-8' })).toEqual({
      tag: 'de-CH',
    });
    expect(languageFor(undefined, { LC_ALL: 'de_AT.UTF-8', LANG: 'en_US.UTF-8' })).toEqual({
      tag: 'de_AT.UTF-8',
    });
    expect(languageFor(undefined, { LC_MESSAGES: 'de_DE', LANG: 'en_US' })).toEqual({ tag: 'de_DE' });
    expect(languageFor(undefined, { LANG: 'C.UTF-8' })).toEqual({ tag: 'en' });
    expect(languageFor(undefined, {})).toEqual({ tag: 'en' });
  });

  it('a language asked for by name that has no catalogue is refused, not read as English', () => {
    expect(languageFor('fr', {})).toEqual({ refused: 'fr' });
    expect(languageFor(undefined, { KRATOS_DESKTOP_LANG: 'klingon' })).toEqual({ refused: 'klingon' });
    // The system's locale is no request: an unknown one falls back quietly.
    expect(languageFor(undefined, { LANG: 'fr_FR.UTF-8' })).toEqual({ tag: 'fr_FR.UTF-8' });
  });
});

describe('selectLanguage', () => {
  it("switches the terminal's, main's and the window's words together", () => {
    try {
      selectLanguage('de_DE.UTF-8');
      expect(text.flow.leaveSettings).toBe('Einstellungen verlassen');
      expect(mainText.flows.signedIn).toBe('Angemeldet.');
      expect(windowStrings.flow.saves['password']).toBe('Passwort ändern');
    } finally {
      selectLanguage('en');
    }
    expect(text.flow.leaveSettings).toBe('Leave settings');
    expect(mainText.flows.signedIn).toBe('Signed in.');
  });
});

describe('terminal client modules', () => {
  it('take every sentence from the catalogue', () => {
    const root = new URL('../../cli/', import.meta.url).pathname;
    const found = sourcesOutsideStrings(root).flatMap((file) =>
      sentencesIn(readFileSync(file, 'utf8')).map((sentence) => `${path.relative(root, file)}: ${sentence}`),
    );
    expect(found).toEqual([]);
  });
});
