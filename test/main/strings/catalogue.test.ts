/**
 * Main's catalogue (main/strings): the language is chosen safely, every entry says something, and no main
 * module writes a user-facing sentence of its own — the mirror of test/shared/strings/catalogue.test.ts,
 * so a translation is a file, not a code change.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogueFor, formatLocale, selectLanguage, text } from '../../../main/strings';
import { de } from '../../../main/strings/de';
import { en } from '../../../main/strings/en';
import { describeKratosError } from '../../../main/kratos/error-messages';
import {
  emptyEntries,
  expectComplete,
  expectLanguageChoice,
  sentencesIn,
  sourcesOutsideStrings,
} from '../../support/catalogue';

describe('catalogueFor', () => {
  it("takes the catalogue of the language's tag, else English", () => {
    expectLanguageChoice(catalogueFor, { en, de });
  });
});

describe('selectLanguage', () => {
  it('switches every sentence main writes, also those of modules loaded before', () => {
    try {
      selectLanguage('de-DE');
      expect(text.flows.saved).toBe('Ihre Änderungen wurden gespeichert.');
      expect(describeKratosError({ id: 'session_inactive', code: 401, message: 'no active session' })).toBe(
        'Sie sind abgemeldet. Bitte melden Sie sich erneut an.',
      );
      expect(formatLocale()).toBe('de-DE');
      selectLanguage('en');
      expect(text.flows.saved).toBe('Your changes were saved.');
    } finally {
      selectLanguage(undefined);
    }
  });
});

describe("main's German catalogue", () => {
  it('has every entry of the English one', () => {
    expectComplete(en, de, { english: 'main/strings/en.ts', translation: 'main/strings/de.ts' });
  });

  it('has text in every entry', () => {
    expect(emptyEntries(de, 'de')).toEqual([]);
  });

  it('counts and durations in German, through Intl', () => {
    expect(de.session.revokedOthers(1)).toBe('1 andere Sitzung abgemeldet.');
    expect(de.session.revokedOthers(3)).toBe('3 andere Sitzungen abgemeldet.');
    expect(de.network.wait(30)).toBe('30 Sekunden');
    expect(de.network.wait(300)).toBe('5 Minuten');
    expect(de.browser.timedOut(10)).toMatch(/länger als 10 Minuten gedauert/);
  });
});

describe("main's English catalogue", () => {
  it('has text in every entry: a non-empty string, or a function that makes one', () => {
    expect(emptyEntries(en, 'en')).toEqual([]);
  });

  it('fills sentences with the values given; counts and durations through Intl', () => {
    expect(en.session.revokedOthers(1)).toBe('Signed out 1 other session.');
    expect(en.session.revokedOthers(3)).toBe('Signed out 3 other sessions.');
    expect(en.network.wait(1)).toBe('a moment');
    expect(en.network.wait(30)).toBe('30 seconds');
    expect(en.network.wait(300)).toBe('5 minutes');
    expect(en.browser.timedOut(10)).toMatch(/longer than 10 minutes,/);
    expect(en.app.nowUsing('the local emulator')).toBe('Now using the local emulator.');
  });
});

describe('main modules', () => {
  const root = new URL('../../../main/', import.meta.url).pathname;
  const sources = sourcesOutsideStrings(root);

  it('the check finds a sentence, wherever it is quoted; not names, log lines or comments', () => {
    const sample = [
      "const a = { message: 'Signed out.' };",
      'const b = `Now using ${url} from now on.`;',
      'const c = "Sign-in cancelled. Please start again.";',
      "const names = ['Kratos Desktop', 'Secret Service (libsecret)'];",
      "log.warn('could not save the trait titles');",
      '// Signed out here, in a comment.',
    ].join('\n');
    expect(sentencesIn(sample)).toEqual([
      'Signed out.',
      'Now using ${url} from now on.',
      'Sign-in cancelled. Please start again.',
    ]);
  });

  it('take every user-facing sentence from the catalogue', () => {
    const found = sources.flatMap((file) =>
      sentencesIn(readFileSync(file, 'utf8')).map((sentence) => `${path.relative(root, file)}: ${sentence}`),
    );
    expect(found).toEqual([]);
  });
});
