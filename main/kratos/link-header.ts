/**
 * Reads the next-page token from the `Link` header of `GET /sessions` (docs/protocol.md §5):
 * `<https://…/sessions?page=1&page_size=50&page_token=eyJ…&per_page=50>; rel="next", <…>; rel="last"`.
 *
 * Written by hand because the format is fixed by Kratos (`oryx/pagination`) and a general RFC 8288 parser
 * package would be a new dependency for one header. It is a forward-only scan: every `indexOf` starts where
 * the last one stopped, so the work is linear in the header's length whatever a server sends (the regular
 * expression this replaced rescanned the rest of the header from every `<`: 0.8 s for 16 KB of `<`).
 * Headers longer than `MAX_LINK_HEADER_LENGTH` are ignored (no next page) rather than read.
 */

/** Kratos's header is a few hundred bytes; undici caps all headers at 16 KiB by default. */
export const MAX_LINK_HEADER_LENGTH = 32 * 1024;

export function nextPageToken(link: string | undefined): string | undefined {
  if (link === undefined || link.length > MAX_LINK_HEADER_LENGTH) return undefined;
  for (const { target, params } of links(link)) {
    if (!isRelNext(params)) continue;
    if (!URL.canParse(target, 'http://link.invalid')) return undefined;
    // Kratos writes absolute URLs; the base only makes a relative one parseable too.
    return new URL(target, 'http://link.invalid').searchParams.get('page_token') ?? undefined;
  }
  return undefined;
}

/** `<target>params` pairs, in order; params run up to the next `<`. Each character is visited once. */
function* links(header: string): Generator<{ target: string; params: string }> {
  let open = header.indexOf('<');
  while (open !== -1) {
    const close = header.indexOf('>', open + 1);
    if (close === -1) return;
    const next = header.indexOf('<', close + 1);
    yield {
      target: header.slice(open + 1, close),
      params: header.slice(close + 1, next === -1 ? undefined : next),
    };
    open = next;
  }
}

/** Whether `; rel="prev next"`-style parameters include the relation `next`. */
function isRelNext(params: string): boolean {
  for (const param of params.split(';')) {
    const equals = param.indexOf('=');
    if (equals === -1 || param.slice(0, equals).trim().toLowerCase() !== 'rel') continue;
    const value = param.slice(equals + 1).replace(/[",]/g, ' ');
    if (value.split(/\s+/).some((relation) => relation.toLowerCase() === 'next')) return true;
  }
  return false;
}
