/**
 * Kratos's token pagination for GET /sessions (ory/x pagination/migrationpagination): `page_size` +
 * `page_token` (base64url of {"offset":"N","v":2}), with legacy `per_page` + `page` accepted. Link header
 * entries carry page, page_size, page_token and per_page (fixtures/pagination-link-header.json).
 */
export interface Page {
  offset: number;
  size: number;
}

const DEFAULT_SIZE = 250;
const MAX_SIZE = 1000;

function positiveInt(value: string | null): number | undefined {
  if (value === null || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}

function offsetFromToken(token: string | null): number | undefined {
  if (!token) return undefined;
  try {
    const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { offset?: string };
    return positiveInt(decoded.offset ?? null);
  } catch {
    return undefined;
  }
}

export function pageOf(query: URLSearchParams): Page {
  const size =
    Math.min(
      positiveInt(query.get('page_size')) ?? positiveInt(query.get('per_page')) ?? DEFAULT_SIZE,
      MAX_SIZE,
    ) || DEFAULT_SIZE;
  const legacyPage = positiveInt(query.get('page'));
  const offset =
    offsetFromToken(query.get('page_token')) ?? (legacyPage !== undefined ? legacyPage * size : 0);
  return { offset, size };
}

const tokenFor = (offset: number) =>
  Buffer.from(JSON.stringify({ offset: String(offset), v: 2 })).toString('base64url');

function link(baseUrl: string, offset: number, size: number, rel: string): string {
  const query = new URLSearchParams({
    page: String(Math.floor(offset / size)),
    page_size: String(size),
    page_token: tokenFor(offset),
    per_page: String(size),
  });
  return `<${baseUrl}?${query.toString()}>;rel="${rel}"`;
}

export function paginationHeaders(baseUrl: string, page: Page, total: number): Record<string, string> {
  const lastOffset = Math.max(0, Math.ceil(total / page.size) - 1) * page.size;
  const links = [link(baseUrl, 0, page.size, 'first')];
  if (page.offset + page.size < total) links.push(link(baseUrl, page.offset + page.size, page.size, 'next'));
  if (page.offset > 0) links.push(link(baseUrl, Math.max(0, page.offset - page.size), page.size, 'prev'));
  links.push(link(baseUrl, lastOffset, page.size, 'last'));
  return { Link: links.join(','), 'X-Total-Count': String(total) };
}
