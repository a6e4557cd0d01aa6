/**
 * The documentation stays honest where that is cheap to check: every relative link in README.md and docs/**.md
 * points at a file of this repository (and, with `#anchor`, at a heading of that file), and every citation of
 * the docs in source and test code (`docs/protocol.md §1.3`, `docs/security.md#deep-links`) resolves. The
 * checker is written here because none of the installed packages parses Markdown; it understands only what
 * these documents use: inline links, fenced code blocks, ATX headings and GitHub's heading anchors.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const self = path.relative(root, __filename);

/** Markdown without fenced code blocks and inline code, where `[x](y)` and `# x` are not links or headings. */
function prose(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
}

/** GitHub's anchor for a heading text: lower case, punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** Every heading of a Markdown document: its text and its anchor (repeated anchors get -1, -2, … as on GitHub). */
function headings(markdown: string): { text: string; anchor: string }[] {
  const seen = new Map<string, number>();
  const code = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
  return [...code.matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)].map((match) => {
    const text = match[1]!;
    const base = slug(text);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    return { text, anchor: count === 0 ? base : `${base}-${count}` };
  });
}

function read(file: string): string {
  return readFileSync(path.join(root, file), 'utf8');
}

/** Why `target` (a link written in `from`, both relative to the repository root) does not resolve, or null. */
function brokenLink(from: string, target: string, readFile: (file: string) => string = read): string | null {
  const [rawPath = '', anchor] = target.split('#', 2);
  const file = rawPath === '' ? from : path.normalize(path.join(path.dirname(from), decodeURI(rawPath)));
  if (file.startsWith('..') || path.isAbsolute(file)) return `${target}: leaves the repository`;
  if (rawPath !== '' && !existsSync(path.join(root, file))) return `${target}: no such file ${file}`;
  if (anchor === undefined) return null;
  if (!file.endsWith('.md')) return `${target}: an anchor into a file that is not Markdown`;
  const anchors = headings(readFile(file)).map((heading) => heading.anchor);
  return anchors.includes(anchor) ? null : `${target}: no heading with anchor #${anchor} in ${file}`;
}

/** The links of a Markdown document that point into the repository (web and mail links are not checked). */
function relativeLinks(markdown: string): string[] {
  return [...prose(markdown).matchAll(/!?\[[^\]]*\]\(<?([^)\s>]+)>?(?:\s+"[^"]*")?\)/g)]
    .map((match) => match[1]!)
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target));
}

/**
 * Why a `§` reference into `file` does not resolve, or null: `§1.3` needs a heading numbered `1.3`, and a
 * range `§3-5` a heading for each end.
 */
function brokenSection(
  file: string,
  section: string,
  readFile: (file: string) => string = read,
): string | null {
  const numbers = new Set(
    headings(readFile(file)).flatMap((heading) => /^(\d+(?:\.\d+)*)\.?\s/.exec(heading.text)?.[1] ?? []),
  );
  const missing = section.split(/[-–]/).filter((number) => !numbers.has(number));
  return missing.length === 0 ? null : `${file} §${section}: no section ${missing.join(', ')}`;
}

/** Files under `dir` (relative to the root) whose names end with one of `extensions`. */
function filesUnder(dir: string, extensions: string[]): string[] {
  const full = path.join(root, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(dir, name))
    .filter(
      (file) => extensions.some((ext) => file.endsWith(ext)) && statSync(path.join(root, file)).isFile(),
    );
}

const documents = ['README.md', ...filesUnder('docs', ['.md'])];
const code = ['main', 'preload', 'renderer/src', 'emulator', 'test', 'scripts', 'bench']
  .flatMap((dir) => filesUnder(dir, ['.ts', '.tsx', '.mjs', '.sh']))
  .filter((file) => file !== self);

/** Citations of the docs in code: `docs/x.md`, optionally followed by `#anchor` or by `§N`, `§N.M`, `§N-M` lists. */
function citations(source: string): { file: string; anchor?: string; sections: string[] }[] {
  return [
    ...source.matchAll(
      /\bdocs\/([\w./-]+?\.md)(#[\w-]+)?((?:(?:\s*,\s*|\s+|\s+and\s+)§[\d.]+(?:[-–][\d.]+)?)*)/g,
    ),
  ].map((match) => ({
    file: `docs/${match[1]!}`,
    anchor: match[2]?.slice(1),
    sections: [...(match[3] ?? '').matchAll(/§([\d.]*\d(?:[-–][\d.]*\d)?)/g)].map((section) => section[1]!),
  }));
}

describe('the documentation', () => {
  it('keeps the README short (the rest lives in docs/)', () => {
    expect(read('README.md').length).toBeLessThanOrEqual(12 * 1024);
  });

  it.each(documents)(
    '%s: every relative link resolves to a file and, with #anchor, to a heading',
    (document) => {
      const broken = relativeLinks(read(document)).flatMap((target) => brokenLink(document, target) ?? []);
      expect(broken).toEqual([]);
    },
  );
});

describe('citations of the docs in code', () => {
  it('resolve: the file exists, and each #anchor or §section names a heading in it', () => {
    const broken = code.flatMap((file) =>
      citations(read(file)).flatMap((citation) => {
        const where = `${file}: `;
        if (!existsSync(path.join(root, citation.file))) return [`${where}${citation.file} does not exist`];
        return [
          citation.anchor === undefined
            ? null
            : brokenLink('README.md', `${citation.file}#${citation.anchor}`),
          ...citation.sections.map((section) => brokenSection(citation.file, section)),
        ].flatMap((problem) => (problem === null ? [] : [where + problem]));
      }),
    );
    expect(broken).toEqual([]);
  });

  it('never point at a document outside the repository (the protocol brief lives in docs/protocol.md)', () => {
    expect([...code, ...documents].filter((file) => read(file).includes('native-flows.md'))).toEqual([]);
  });

  it('are found where the code cites the protocol (a checker that finds none would prove nothing)', () => {
    expect(
      code.flatMap((file) => citations(read(file))).filter((c) => c.sections.length > 0).length,
    ).toBeGreaterThan(0);
  });
});

describe('the link checker itself', () => {
  const doc =
    '# Title\n\n## Endpoint rules (`parseEndpoint`)\n\n## §1.3 is not a number\n\n## 1.3 Submit\n\n## Title\n';
  const files = (file: string) => (file === 'docs/x.md' ? doc : read(file));

  it('makes GitHub anchors, numbering repeated ones', () => {
    expect(headings(doc).map((h) => h.anchor)).toEqual([
      'title',
      'endpoint-rules-parseendpoint',
      '13-is-not-a-number',
      '13-submit',
      'title-1',
    ]);
  });

  it('reports a missing file, a missing heading and a link out of the repository', () => {
    expect(brokenLink('docs/x.md', 'nope.md')).toMatch(/no such file docs\/nope.md/);
    expect(brokenLink('docs/x.md', '#no-such-heading', files)).toMatch(/no heading/);
    expect(brokenLink('docs/x.md', '#title-1', files)).toBeNull();
    expect(brokenLink('README.md', '../outside.md')).toMatch(/leaves the repository/);
  });

  it('reports a § section that has no numbered heading, and accepts one that has', () => {
    expect(brokenSection('docs/x.md', '1.3', files)).toBeNull();
    expect(brokenSection('docs/x.md', '1.3-2', files)).toMatch(/no section 2/);
  });

  it('ignores links and headings inside code', () => {
    expect(
      relativeLinks('`[a](nope.md)`\n```\n[b](nope.md)\n```\n[c](real.md) [d](https://x.example)'),
    ).toEqual(['real.md']);
  });
});
