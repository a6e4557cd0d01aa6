/**
 * docs/security.md says which test proves each defence: `test/…/file.ts` ("test name", "another…"). A renamed
 * or deleted test would leave the table promising a proof that no longer runs, so every cited file must exist
 * and every quoted name must occur in it (a name ending in "…" is a prefix; `%s` stands for `it.each` values).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const securityDoc = readFileSync(path.join(root, 'docs/security.md'), 'utf8');

export interface Citation {
  file: string;
  names: string[];
}

/** Every `test/…` file cited in `markdown`, with the quoted test names in the parentheses right after it. */
export function citedTests(markdown: string): Citation[] {
  const citations: Citation[] = [];
  for (const match of markdown.matchAll(/`(test\/[^`\s]+\.(?:ts|json))`/g)) {
    const after = markdown.slice(match.index + match[0].length);
    const names: string[] = [];
    if (after.startsWith(' (')) {
      let depth = 0;
      let end = 1;
      for (; end < after.length; end++) {
        if (after[end] === '(') depth++;
        else if (after[end] === ')' && --depth === 0) break;
      }
      // A name may wrap onto the next line of the paragraph.
      for (const quoted of after.slice(2, end).matchAll(/"([^"]+)"/g))
        names.push(quoted[1]!.replace(/\s+/g, ' '));
    }
    citations.push({ file: match[1]!, names });
  }
  return citations;
}

/** Whether `source` holds a test named `name` (its text up to a closing "…", as written in a string literal). */
export function holdsTestName(source: string, name: string): boolean {
  const wanted = name.endsWith('…') ? name.slice(0, -1) : name;
  return source.replace(/\\(['"`])/g, '$1').includes(wanted);
}

describe('docs/security.md cites tests that exist', () => {
  const citations = citedTests(securityDoc);

  it('finds the citations (a checker that finds none would prove nothing)', () => {
    expect(citations.length).toBeGreaterThan(60);
    expect(citations.filter((citation) => citation.names.length > 0).length).toBeGreaterThan(40);
  });

  it.each([...new Set(citations.map((citation) => citation.file))])('%s exists', (file) => {
    expect(existsSync(path.join(root, file))).toBe(true);
  });

  it('every quoted test name occurs in the file cited before it', () => {
    const missing = citations.flatMap(({ file, names }) => {
      const source = existsSync(path.join(root, file)) ? readFileSync(path.join(root, file), 'utf8') : '';
      return names.filter((name) => !holdsTestName(source, name)).map((name) => `${file}: "${name}"`);
    });
    expect(missing).toEqual([]);
  });

  it('the checker reports a name the file does not hold, and accepts a prefix ending in "…"', () => {
    const [citation] = citedTests('`test/a.test.ts` ("opens only…", "gone": why)');
    expect(citation).toEqual({ file: 'test/a.test.ts', names: ['opens only…', 'gone'] });
    const source = "it('opens only http(s) links', () => {}); it('it\\'s here', () => {});";
    expect(holdsTestName(source, 'opens only…')).toBe(true);
    expect(holdsTestName(source, "it's here")).toBe(true);
    expect(holdsTestName(source, 'gone')).toBe(false);
  });
});
