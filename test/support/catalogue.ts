/**
 * What the two string catalogues' tests (the window's and main's) check alike: the language choice falls
 * back to English safely, every entry says something, and the sources to scan for sentences of their own.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';

/** Tags that must all give English: unknown languages, nothing, and prototype names. */
export function expectEnglishFallback<C>(catalogueFor: (language: string | undefined) => C, en: C): void {
  for (const language of [
    'en',
    'en-GB',
    'de-AT',
    'zz',
    '',
    undefined,
    '__proto__',
    'constructor',
    'toString',
  ]) {
    expect(catalogueFor(language)).toBe(en);
  }
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
