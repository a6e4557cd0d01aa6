/**
 * What the two string catalogues' tests (the window's and main's) check alike: the language choice falls
 * back to English safely, every entry says something, and the sources to scan for sentences of their own.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';

/**
 * German tags (with a region, in POSIX spelling) give German; English, unknown languages, nothing and
 * prototype names give English.
 */
export function expectLanguageChoice<C>(
  catalogueFor: (language: string | undefined) => C,
  { en, de }: { en: C; de: C },
): void {
  for (const language of ['de', 'de-AT', 'DE-de', 'de_DE.UTF-8']) expect(catalogueFor(language)).toBe(de);
  for (const language of ['en', 'en-GB', 'zz', '', undefined, '__proto__', 'constructor', 'toString']) {
    expect(catalogueFor(language)).toBe(en);
  }
}

/**
 * The entries of the English catalogue a translation lacks, as paths (`flow.saves.totp`, `kratos.4000040`):
 * every key of `english` at every depth, each a text (a string, or a function that makes one) where English
 * has a text and a group where English has a group; and the entries English no longer has, marked `(not in
 * English)`.
 */
export function missingEntries(english: unknown, translation: unknown, at = ''): string[] {
  const isGroup = (value: unknown) => typeof value === 'object' && value !== null;
  if (!isGroup(english)) return [];
  const theirs = isGroup(translation) ? (translation as Record<string, unknown>) : {};
  const missing: string[] = [];
  for (const [key, value] of Object.entries(english as Record<string, unknown>)) {
    const path = at === '' ? key : `${at}.${key}`;
    if (!Object.hasOwn(theirs, key) || isGroup(value) !== isGroup(theirs[key])) missing.push(path);
    else missing.push(...missingEntries(value, theirs[key], path));
  }
  for (const key of Object.keys(theirs)) {
    if (!Object.hasOwn(english as object, key))
      missing.push(`${at === '' ? key : `${at}.${key}`} (not in English)`);
  }
  return missing;
}

/**
 * Fails, naming each missing id and the file to add it to, when `translation` lacks an entry of `english`.
 * Every sentence added to an English catalogue needs its twin in each translation.
 */
export function expectComplete(
  english: unknown,
  translation: unknown,
  files: { english: string; translation: string },
): void {
  const missing = missingEntries(english, translation);
  expect(
    missing,
    `${files.translation} lacks ${missing.length} entr${missing.length === 1 ? 'y' : 'ies'} of ${files.english}: ` +
      `${missing.join(', ')}. Add each, translated, at the same path in ${files.translation} ` +
      '(and remove the ones marked "not in English").',
  ).toEqual([]);
}

/** The paths of entries that are neither a non-empty string nor a function that makes one. */
export function emptyEntries(catalogue: unknown, name: string): string[] {
  const empty: string[] = [];
  const walk = (value: unknown, at: string): void => {
    if (typeof value === 'function') return;
    if (typeof value === 'string') {
      if (value.trim() === '') empty.push(at);
      return;
    }
    if (typeof value === 'object' && value !== null) {
      for (const [key, inner] of Object.entries(value)) walk(inner, `${at}.${key}`);
      return;
    }
    empty.push(at);
  };
  walk(catalogue, name);
  return empty;
}

/**
 * Sentences in code: a string literal that starts with a capitalised word and goes on in lower case
 * (main's and the terminal client's modules are checked with it; the window's components have their own).
 */
export function sentencesIn(source: string): string[] {
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

/** The TypeScript files under `root`, except those of its `strings/` folder (the catalogue itself). */
export function sourcesOutsideStrings(root: string): string[] {
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? files(full) : [full];
    });
  return files(root).filter(
    (file) => /\.tsx?$/.test(file) && !file.includes(`${path.sep}strings${path.sep}`),
  );
}
