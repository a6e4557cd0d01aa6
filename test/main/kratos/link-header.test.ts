import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_LINK_HEADER_LENGTH, nextPageToken } from '../../../main/kratos/link-header';
import splitLinkHeader from '../../fixtures/kratos/pagination-link-header.json' with { type: 'json' };

// The Kratos snapshot stores the header split on ';' (oryx/pagination TestPaginationHeader, "in the middle").
const kratosLinkHeader = splitLinkHeader.join(';');

describe('nextPageToken', () => {
  it('reads page_token of rel="next" from the real Kratos header', () => {
    // offset 200 = page 4 of 50: the page after the current one (prev is offset 100).
    expect(nextPageToken(kratosLinkHeader)).toBe('eyJvZmZzZXQiOiIyMDAiLCJ2IjoyfQ');
    expect(Buffer.from('eyJvZmZzZXQiOiIyMDAiLCJ2IjoyfQ', 'base64url').toString()).toBe(
      '{"offset":"200","v":2}',
    );
  });

  it.each([
    ['no header', undefined, undefined],
    ['empty header', '', undefined],
    [
      'last page: no rel="next"',
      '<https://k/sessions?page_token=a>; rel="first", <https://k/sessions?page_token=b>; rel="prev"',
      undefined,
    ],
    ['next without a page_token', '<https://k/sessions?page=2>; rel="next"', undefined],
    [
      'spaces and unquoted rel',
      '<https://k/sessions?page_token=a>; rel=first , <https://k/sessions?page_token=n2>;rel=next',
      'n2',
    ],
    ['rel with several values', '<https://k/sessions?page_token=n3>; rel="prev next"', 'n3'],
    ['a rel that only starts with next', '<https://k/sessions?page_token=x>; rel="nextish"', undefined],
    ['a relative URL', '</sessions?page_size=2&page_token=rel>; rel="next"', 'rel'],
    ['an unparsable URL', '<http://[>; rel="next"', undefined],
    ['a URL-encoded token', '<https://k/sessions?page_token=a%2Bb%3D>; rel="next"', 'a+b='],
  ])('%s', (_name, header, token) => {
    expect(nextPageToken(header)).toBe(token);
  });
});

describe('nextPageToken on hostile headers', () => {
  const next = '<https://k/sessions?page_token=found>; rel="next"';
  // Shapes that made the former regular expression rescan the rest of the header from every position.
  const hostile = {
    'only <': '<'.repeat(16 * 1024),
    '< then spaces': `<a>;${' '.repeat(16 * 1024)}`,
    'rel= with spaces and no next': `<a>; rel="${' '.repeat(16 * 1024)}x"`,
    'unclosed targets': '<a'.repeat(8 * 1024),
  };

  it.each(Object.entries(hostile))(
    '%s (16 KiB): no next page, and a next link after it is still found',
    (_name, header) => {
      expect(nextPageToken(header)).toBeUndefined();
      expect(nextPageToken(`${next}, ${header}`)).toBe('found');
    },
  );

  it(`reads no header longer than ${MAX_LINK_HEADER_LENGTH} characters, so the work per header is bounded`, () => {
    const padded = `${next}, ${'<a>; rel="last", '.repeat(MAX_LINK_HEADER_LENGTH / 16)}`;
    expect(padded.length).toBeGreaterThan(MAX_LINK_HEADER_LENGTH);
    expect(nextPageToken(padded)).toBeUndefined();
    expect(nextPageToken(padded.slice(0, MAX_LINK_HEADER_LENGTH))).toBe('found');
  });
});

describe('nextPageToken (properties)', () => {
  const relation = fc.oneof(
    fc.constantFrom('first', 'prev', 'next', 'last', 'NEXT', 'Next'),
    fc.stringMatching(/^[a-z][a-z.-]{0,11}$/),
  );
  /** A link as Kratos's oryx/pagination writes it, with the spacing and quoting RFC 8288 allows. */
  const link = fc.record({
    token: fc.option(fc.string({ unit: 'grapheme', maxLength: 64 }), { nil: undefined }),
    pageSize: fc.integer({ min: 1, max: 1000 }),
    relations: fc.array(relation, { minLength: 1, maxLength: 3 }),
    quoted: fc.boolean(),
    space: fc.constantFrom('', ' ', '  '),
  });
  type Link = typeof link extends fc.Arbitrary<infer T> ? T : never;

  const write = ({ token, pageSize, relations, quoted, space }: Link): string => {
    const query = new URLSearchParams({ page_size: String(pageSize) });
    if (token !== undefined) query.set('page_token', token);
    const rel = quoted || relations.length > 1 ? `"${relations.join(' ')}"` : relations[0];
    return `<https://kratos.example/sessions?${query}>;${space}rel=${rel}`;
  };
  const isNext = ({ relations }: Link) => relations.some((name) => name.toLowerCase() === 'next');
  const header = fc.array(link, { maxLength: 5 });
  const join = (links: Link[]) => links.map(write).join(', ');

  it('reads the token of the first link whose relations include next, whatever the others are', () => {
    fc.assert(
      fc.property(header, (links) => {
        expect(nextPageToken(join(links))).toBe(links.find(isNext)?.token);
      }),
    );
  });

  it('finds a next link first in the header whatever follows it', () => {
    const next = link.filter(isNext);
    fc.assert(
      fc.property(next, fc.string({ unit: 'binary', maxLength: 2000 }), (first, rest) => {
        expect(nextPageToken(`${write(first)}, ${rest}`)).toBe(first.token);
      }),
    );
  });

  it('never throws on any header, and reads nothing from one longer than the limit', () => {
    const linkish = fc
      .array(
        fc.oneof(
          fc.constantFrom('<', '>', ';', ',', '"', '=', ' ', 'rel', 'next', 'page_token'),
          fc.string(),
        ),
        {
          maxLength: 60,
        },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), linkish, header.map(join)), (text) => {
        const token = nextPageToken(text);
        expect(token === undefined || typeof token === 'string').toBe(true);
        const padded = `${text}${' '.repeat(Math.max(0, MAX_LINK_HEADER_LENGTH + 1 - text.length))}`;
        expect(nextPageToken(padded)).toBeUndefined();
      }),
    );
  });
});
