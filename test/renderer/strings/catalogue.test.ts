/**
 * The string catalogue: the language is chosen safely, every entry says something, and no component
 * writes a user-facing sentence of its own (a translation is a file, not a code change).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogueFor, strings } from '../../../renderer/src/strings';
import { en } from '../../../renderer/src/strings/en';

describe('catalogueFor', () => {
  it("takes the system language's catalogue, else English", () => {
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
    expect(strings).toBe(en);
  });
});

describe('the English catalogue', () => {
  it('has text in every entry: a non-empty string, or a function that makes one', () => {
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
    walk(en, 'en');
    expect(empty).toEqual([]);
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
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? files(full) : [full];
    });
  const sources = files(root).filter(
    (file) => /\.tsx?$/.test(file) && !file.includes(`${path.sep}strings${path.sep}`),
  );

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
