/**
 * The string catalogue: the language is chosen safely, every entry says something, and no component
 * writes a user-facing sentence of its own (a translation is a file, not a code change).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogueFor, formatLocale, selectLanguage, strings } from '../../../shared/strings';
import { de } from '../../../shared/strings/de';
import { en } from '../../../shared/strings/en';
import { messageText } from '../../../shared/flow/messages';
import { formatLocalTime } from '../../../shared/strings/time';
import {
  emptyEntries,
  expectComplete,
  expectLanguageChoice,
  missingEntries,
  sourcesOutsideStrings,
} from '../../support/catalogue';

describe('catalogueFor', () => {
  it("takes the catalogue of the language's tag, else English", () => {
    expectLanguageChoice(catalogueFor, { en, de });
    // Outside a browser there is no system language to read: English.
    expect(strings.locale).toBe('en');
  });
});

describe('selectLanguage', () => {
  it('switches every sentence, the Kratos messages and the dates at once (nothing kept a copy)', () => {
    try {
      selectLanguage('de-AT');
      expect(strings.flow.done).toBe('Fertig.');
      expect(messageText({ id: 4000006, text: 'The provided credentials are invalid…' })).toMatch(
        /^Das Passwort ist falsch, /,
      );
      expect(formatLocale()).toBe('de-AT');
      expect(formatLocalTime('2026-01-05T10:00:00Z')).toBe(
        new Intl.DateTimeFormat('de-AT', { dateStyle: 'medium', timeStyle: 'short' }).format(
          Date.parse('2026-01-05T10:00:00Z'),
        ),
      );
      selectLanguage('fr-FR');
      expect(strings.flow.done).toBe('Done.');
      // French dates would sit inside English sentences: the catalogue's language decides.
      expect(formatLocale()).toBe('en');
    } finally {
      selectLanguage(undefined);
    }
  });
});

describe("a trait's label (1070002, the schema's title)", () => {
  const label = (title: string) => messageText({ id: 1070002, text: title, context: { title } });

  it('says "Email" in English and "E-Mail-Adresse" in German for any spelling of email, one word per language', () => {
    const spellings = ['E-Mail', 'e-mail', 'Email', 'EMAIL', 'E Mail', 'Email address', 'E-Mail-Adresse'];
    expect(spellings.map(label)).toEqual(spellings.map(() => 'Email'));
    try {
      selectLanguage('de');
      expect(spellings.map(label)).toEqual(spellings.map(() => 'E-Mail-Adresse'));
    } finally {
      selectLanguage(undefined);
    }
  });

  it('keeps any other title as the operator wrote it', () => {
    expect(['Work email', 'First name', 'Emailer'].map(label)).toEqual([
      'Work email',
      'First name',
      'Emailer',
    ]);
  });
});

describe('4000006, a wrong password', () => {
  it('names what can be wrong in plain words, without "credentials", in both languages', () => {
    const wrong = { id: 4000006, text: 'The provided credentials are invalid, check for spelling mistakes…' };
    expect(messageText(wrong)).toBe(
      'The password is wrong, or no account uses that email address, phone number or user name. Check both for typing mistakes.',
    );
    try {
      selectLanguage('de');
      expect(messageText(wrong)).toMatch(/^Das Passwort ist falsch, oder kein Konto verwendet/);
      expect(messageText(wrong)).not.toMatch(/Anmeldedaten/);
    } finally {
      selectLanguage(undefined);
    }
  });
});

describe('the German catalogue', () => {
  it('has every entry of the English one (the Kratos messages in de-kratos.ts)', () => {
    const { kratos: kratosEn, ...windowEn } = en;
    const { kratos: kratosDe, ...windowDe } = de;
    expectComplete(windowEn, windowDe, {
      english: 'shared/strings/en.ts',
      translation: 'shared/strings/de.ts',
    });
    expectComplete(kratosEn, kratosDe, {
      english: 'shared/strings/en-kratos.ts',
      translation: 'shared/strings/de-kratos.ts',
    });
  });

  it('the completeness check names what a translation lacks, at any depth, and what English dropped', () => {
    expect(
      missingEntries(
        { a: 'A', group: { b: 'B', c: () => 'C' }, 4000040: 'x' },
        { a: 'a', group: { c: 'c', old: 'o' }, extra: 'e' },
      ),
    ).toEqual(['4000040', 'group.b', 'group.old (not in English)', 'extra (not in English)']);
    expect(missingEntries({ group: { b: 'B' } }, { group: 'flat' })).toEqual(['group']);
  });

  it('has text in every entry', () => {
    expect(emptyEntries(de, 'de')).toEqual([]);
  });

  it('writes counts and lists in German', () => {
    expect(de.sessions.revokeOthersConfirm(1).body).toMatch(/^Eine andere Sitzung wird abgemeldet/);
    expect(de.sessions.revokeOthersConfirm(3).body).toMatch(/^Alle 3 anderen Sitzungen werden abgemeldet/);
    expect(de.app.secondFactor.intro(['Ihrer Authenticator-App', 'einem Sicherungscode'])).toBe(
      'Der erste Anmeldeschritt ist erledigt. Schließen Sie die Anmeldung ab mit Ihrer Authenticator-App oder einem Sicherungscode.',
    );
  });
});

describe('the English catalogue', () => {
  it('has text in every entry: a non-empty string, or a function that makes one', () => {
    expect(emptyEntries(en, 'en')).toEqual([]);
  });

  it('fills sentences with the values given', () => {
    expect(en.app.secondFactor.intro(['your authenticator app', 'a backup recovery code'])).toBe(
      'Your first sign-in step is done. Finish signing in with your authenticator app or a backup recovery code.',
    );
    expect(en.sessions.revokeOthersConfirm(1).body).toMatch(/^One other session /);
    expect(en.sessions.revokeOthersConfirm(3).body).toMatch(/^All 3 other sessions /);
    expect(en.shell.unreachable.kept(undefined)).toMatch(/checks again soon\.$/);
  });
});

describe('components', () => {
  const root = new URL('../../../renderer/src/', import.meta.url).pathname;
  const sources = sourcesOutsideStrings(root);

  it('take every sentence from the catalogue: no text between tags, no text in labelling attributes', () => {
    const found: string[] = [];
    for (const file of sources) {
      // Comments say why; they are not shown.
      const code = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\{\/\*[\s\S]*?\*\/\}/g, '')
        .replace(/^\s*\/\/.*$/gm, '');
      // Text between a tag's `>` and the next `<` (not an arrow's `=>`, not a generic's `Promise<…>` in code).
      const jsxText = file.endsWith('.tsx')
        ? [...code.matchAll(/(?<![=-])>\s*([A-Za-z][^<>{}=()]*?)\s*</g)].map((m) => m[1])
        : [];
      const textLines = [...code.matchAll(/^\s+([A-Z][a-z]+(?: [a-z]+)+[.?!…]?)\s*$/gm)].map((m) => m[1]);
      const attributes = [
        ...code.matchAll(
          /\b(?:label|title|alt|aria-label|placeholder|text|action|body|confirm)=["']([A-Za-z][^"']*)["']/g,
        ),
      ]
        .map((m) => m[1])
        .filter((value) => !/^https?:/.test(value!));
      for (const text of [...jsxText, ...textLines, ...attributes])
        found.push(`${path.relative(root, file)}: ${text}`);
    }
    expect(found).toEqual([]);
  });
});
