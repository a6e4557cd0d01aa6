/**
 * Which URLs the app hands to the system browser (`shell.openExternal`). Never "any URL": a compromised or
 * confused renderer must not be able to launch arbitrary programs through `file:`, `smb:` or custom schemes,
 * nor send the user to a look-alike site (Electron security checklist #15).
 *
 * Allowed: Kratos's own self-service pages under the configured endpoint (`<endpoint>/self-service/…`, e.g. a
 * flow's browser fallback), and the documentation origins listed below. Nothing else: the allowlist must not
 * grow with whatever endpoint a compromised page managed to configure, so any other path on that host (an
 * admin page on a loopback endpoint, another app behind the same proxy) is refused too.
 */
import { text } from '../strings';

/** Paths under the endpoint that are Kratos's own public pages. */
const kratosPaths: readonly string[] = ['/self-service/'];

/** Documentation the app itself links to (keychain help, Kratos concepts). */
const documentationOrigins: readonly string[] = ['https://www.ory.sh', 'https://github.com'];

export type ExternalLinkDecision = { allowed: true; url: string } | { allowed: false; reason: string };

export function decideExternalLink(
  candidate: string,
  kratosEndpoint: string | undefined,
): ExternalLinkDecision {
  if (!URL.canParse(candidate)) return { allowed: false, reason: text.links.invalid };
  const url = new URL(candidate);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { allowed: false, reason: text.links.scheme(url.protocol) };
  }
  if (url.username !== '' || url.password !== '') {
    return { allowed: false, reason: text.links.credentials };
  }
  if (documentationOrigins.includes(url.origin) || isKratosPage(url, kratosEndpoint)) {
    return { allowed: true, url: url.href };
  }
  return {
    allowed: false,
    reason: text.links.elsewhere(`${url.host}${url.pathname}`),
  };
}

function isKratosPage(url: URL, kratosEndpoint: string | undefined): boolean {
  if (!kratosEndpoint || !URL.canParse(kratosEndpoint)) return false;
  const endpoint = new URL(kratosEndpoint);
  if (url.origin !== endpoint.origin) return false;
  const base = endpoint.pathname.replace(/\/+$/, '');
  return kratosPaths.some((path) => url.pathname.startsWith(base + path));
}
