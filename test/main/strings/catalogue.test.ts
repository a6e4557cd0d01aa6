/**
 * Main's catalogue (main/strings): the language is chosen safely, every entry says something, and no main
 * module writes a user-facing sentence of its own — the mirror of test/renderer/strings/catalogue.test.ts,
 * so a translation is a file, not a code change.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogueFor, text } from '../../../main/strings';
import { en } from '../../../main/strings/en';
import { emptyEntries, expectEnglishFallback, sourcesOutsideStrings } from '../../support/catalogue';

describe('catalogueFor', () => {
  it("takes the system language's catalogue, else English", () => {
    expectEnglishFallback(catalogueFor, en);
    expect(text).toBe(en);
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

/** Sentences in code: a string literal that starts with a capitalised word and goes on in lower case. */
function sentencesIn(source: string): string[] {
  // Comments say why; they are not shown.
  const code = source
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '')
    .replace(/\s\/\/ .*$/gm, '');
  return [...code.matchAll(/(['"`])((?:(?!\1)[^\\\n]|\\.)*)\1/g)]
    .map((match) => match[2]!)
    .map((literal) => ({ literal, words: literal.replace(/\$\{[^}]*\}/g, 'x') }))
    .filter(({ words }) => /^[A-Z][A-Za-z'’-]*\s/.test(words) && /\s[a-z]/.test(words))
    .map(({ literal }) => literal);
}

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
