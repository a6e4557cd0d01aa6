/**
 * The string catalogue: the language is chosen safely, every entry says something, and no component
 * writes a user-facing sentence of its own (a translation is a file, not a code change).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogueFor, strings } from '../../../renderer/src/strings';
import { en } from '../../../renderer/src/strings/en';
import { emptyEntries, expectEnglishFallback, sourcesOutsideStrings } from '../../support/catalogue';

describe('catalogueFor', () => {
  it("takes the system language's catalogue, else English", () => {
    expectEnglishFallback(catalogueFor, en);
    expect(strings).toBe(en);
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
