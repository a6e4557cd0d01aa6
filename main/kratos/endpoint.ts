/**
 * Validation and normalization of the Kratos public API URL the user types in.
 *
 * The normalized URL is also the keychain account under which the session token is stored, so two spellings
 * of the same server (`HTTPS://Kratos.Example.com:443/`, `https://kratos.example.com`) must give the same
 * string. The WHATWG `URL` parser does most of the normalizing (lowercase scheme and host, default port
 * dropped, dot segments resolved, IPv4 shorthands like `127.1` expanded); this module adds the rules.
 */

export type EndpointResult = { ok: true; url: string } | { ok: false; message: string };

/**
 * Rules:
 * - `https:` is required, except on loopback hosts (127.0.0.0/8, `::1`, `localhost`) where `http:` is fine:
 *   the session token must never cross a network in clear text.
 * - No user name or password in the URL (they would end up in the keychain key and in logs).
 * - No query and no fragment: the client appends its own paths and queries.
 * - A path prefix is allowed (Kratos behind a reverse proxy at `/kratos`); the trailing slash is removed.
 */
export function parseEndpoint(input: string): EndpointResult {
  const trimmed = input.trim();
  if (trimmed === '') {
    return { ok: false, message: 'Enter the URL of your Kratos public API, e.g. https://auth.example.com.' };
  }

  let url: URL;
  // The input is never echoed back in messages: it may hold a password.
  try {
    url = new URL(trimmed);
  } catch {
    return {
      ok: false,
      message:
        'This is not a valid URL. Enter a full URL starting with https://, e.g. https://auth.example.com.',
    };
  }

  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, message: `Only https:// URLs are supported (got ${url.protocol}//).` };
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return {
      ok: false,
      message: `Use https:// for ${url.hostname}: plain http:// is only allowed for this computer (localhost, 127.0.0.1, ::1), because the session token must never travel unencrypted.`,
    };
  }
  if (url.username !== '' || url.password !== '') {
    return {
      ok: false,
      message: 'Remove the user name and password from the URL; Kratos does not use them.',
    };
  }
  // `url.search` is '' both for no query and for a bare '?', so look at the raw input too.
  if (url.search !== '' || trimmed.includes('?')) {
    return { ok: false, message: 'Remove the query (the part after "?") from the URL.' };
  }
  if (url.hash !== '' || trimmed.includes('#')) {
    return { ok: false, message: 'Remove the fragment (the part after "#") from the URL.' };
  }

  const path = url.pathname.replace(/\/+$/, '');
  return { ok: true, url: `${url.protocol}//${url.host}${path}` };
}

/** `hostname` as `URL` gives it: lowercase, IPv4 in dotted-decimal form, IPv6 in brackets. */
function isLoopbackHost(hostname: string): boolean {
  if (hostname === 'localhost' || hostname === '[::1]') return true;
  const octets = hostname.split('.');
  return octets.length === 4 && octets[0] === '127' && octets.every((octet) => /^\d{1,3}$/.test(octet));
}
