/**
 * Reads the next-page token from the `Link` header of `GET /sessions` (docs/protocol.md §5):
 * `<https://…/sessions?page=1&page_size=50&page_token=eyJ…&per_page=50>; rel="next", <…>; rel="last"`.
 *
 * Written by hand because it is one regular expression: a general RFC 8288 parser package would be a new
 * dependency for a header whose format Kratos fixes (`oryx/pagination`).
 */
export function nextPageToken(link: string | undefined): string | undefined {
  if (link === undefined) return undefined;
  // Each link is `<url>` followed by `;`-separated parameters, up to the next `,<`.
  for (const [, target, params] of link.matchAll(/<([^>]*)>([^<]*)/g)) {
    if (target === undefined || params === undefined) continue;
    if (!/;\s*rel="?([^";,]*\s)?next[\s";,]/i.test(`${params};`)) continue;
    try {
      // Kratos writes absolute URLs; the base only makes a relative one parseable too.
      return new URL(target, 'http://link.invalid').searchParams.get('page_token') ?? undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
