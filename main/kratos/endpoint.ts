/**
 * Validation and normalization of the Kratos public API URL the user types in.
 *
 * The normalized URL is also the keychain account under which the session token is stored, so two spellings
 * of the same server (`HTTPS://Kratos.Example.com:443/`, `https://kratos.example.com`) must give the same
 * string. The WHATWG `URL` parser does most of the normalizing (lowercase scheme and host, default port
 * dropped, dot segments resolved, IPv4 shorthands like `127.1` expanded); this module adds the rules.
 */
import { text } from '../strings';

export type EndpointResult = { ok: true; url: string } | { ok: false; message: string };

/**
 * Rules:
 * - `https:` is required, except on loopback hosts (127.0.0.0/8, `::1`, `localhost`) where `http:` is fine:
 *   the session token must never cross a network in clear text.
 * - No user name or password in the URL (they would end up in the keychain key and in logs).
 * - No query and no fragment: the client appends its own paths and queries.
 * - A path prefix is allowed (Kratos behind a reverse proxy at `/kratos`); the trailing slash is removed.
 * - At most `MAX_ENDPOINT_LENGTH` characters: the input comes from settings.json, the environment or
 *   `--endpoint` too, and 100,000 slashes once took 27 s to read (issue 21).
 */
export function parseEndpoint(input: string): EndpointResult {
  const trimmed = input.trim();
  if (trimmed === '') {
    return { ok: false, message: text.endpoint.empty };
  }
  if (trimmed.length > MAX_ENDPOINT_LENGTH) {
    return { ok: false, message: text.endpoint.tooLong(MAX_ENDPOINT_LENGTH) };
  }

  let url: URL;
  // The input is never echoed back in messages: it may hold a password.
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, message: text.endpoint.invalid };
  }

  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, message: text.endpoint.httpsOnly(url.protocol) };
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return { ok: false, message: text.endpoint.plainHttp(url.hostname) };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, message: text.endpoint.credentials };
  }
  // `url.search` is '' both for no query and for a bare '?', so look at the raw input too.
  if (url.search !== '' || trimmed.includes('?')) {
    return { ok: false, message: text.endpoint.query };
  }
  if (url.hash !== '' || trimmed.includes('#')) {
    return { ok: false, message: text.endpoint.fragment };
  }

  return { ok: true, url: `${url.protocol}//${url.host}${withoutTrailingSlashes(url.pathname)}` };
}

/** Far longer than any server's address (a host and a path prefix), as long as a deep link may be. */
export const MAX_ENDPOINT_LENGTH = 2048;

/** The path without its trailing slashes, in linear time (a `/\/+$/` regex is quadratic on a run of slashes). */
function withoutTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path[end - 1] === '/') end--;
  return path.slice(0, end);
}

/** `hostname` as `URL` gives it: lowercase, IPv4 in dotted-decimal form, IPv6 in brackets. */
function isLoopbackHost(hostname: string): boolean {
  if (hostname === 'localhost' || hostname === '[::1]') return true;
  const octets = hostname.split('.');
  return octets.length === 4 && octets[0] === '127' && octets.every((octet) => /^\d{1,3}$/.test(octet));
}
