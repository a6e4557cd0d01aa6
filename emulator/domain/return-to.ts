/**
 * `return_to` as Kratos checks it (x/http_secure_redirect.go SecureRedirectTo): a flow may send the browser
 * back only to a URL whose scheme, host and path prefix match an entry of `selfservice.allowed_return_urls`.
 * A leading `*.` in an allowed host matches its subdomains. Pure.
 */

export type ReturnToCheck = { ok: true; url: string } | { ok: false; reason: string };

export function checkReturnTo(candidate: string, allowed: readonly string[]): ReturnToCheck {
  const refused: ReturnToCheck = {
    ok: false,
    reason: `Requested return_to URL "${candidate}" is not allowed.`,
  };
  if (!URL.canParse(candidate)) return refused;
  const url = new URL(candidate);
  const fits = allowed.some((entry) => {
    if (!URL.canParse(entry)) return false;
    const rule = new URL(entry);
    return (
      rule.protocol === url.protocol &&
      hostMatches(url.host, rule.host) &&
      (url.pathname || '/').startsWith(rule.pathname || '/')
    );
  });
  return fits ? { ok: true, url: url.href } : refused;
}

function hostMatches(host: string, allowed: string): boolean {
  const wanted = allowed.toLowerCase();
  const actual = host.toLowerCase();
  if (wanted.startsWith('*.')) return actual.endsWith(wanted.slice(1));
  return actual === wanted;
}

/** `url` with `?code=<code>` added: where Kratos sends the browser once a social sign-in is over. */
export function withCode(url: string, code: string): string {
  const target = new URL(url);
  target.searchParams.set('code', code);
  return target.href;
}
