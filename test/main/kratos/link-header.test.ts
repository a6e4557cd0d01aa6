import { describe, expect, it } from 'vitest';
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
