/**
 * Which URLs the app hands to the system browser (`shell.openExternal`). Never "any URL": a compromised or
 * confused renderer must not be able to launch arbitrary programs through `file:`, `smb:` or custom schemes,
 * nor send the user to a look-alike site (Electron security checklist #15).
 *
 * Allowed: http(s) URLs on the configured Kratos endpoint's origin (Kratos links such as a recovery page or
 * an OIDC provider redirect it issued), and the documentation origins listed below. Nothing else.
 */

/** Documentation the app itself links to (keychain help, Kratos concepts). */
const documentationOrigins: readonly string[] = ['https://www.ory.sh', 'https://github.com'];

export type ExternalLinkDecision = { allowed: true; url: string } | { allowed: false; reason: string };

export function decideExternalLink(
  candidate: string,
  kratosEndpoint: string | undefined,
): ExternalLinkDecision {
  if (!URL.canParse(candidate)) return { allowed: false, reason: 'This is not a valid link.' };
  const url = new URL(candidate);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { allowed: false, reason: `Links of type ${url.protocol} are not opened.` };
  }
  if (url.username !== '' || url.password !== '') {
    return { allowed: false, reason: 'Links with a user name or password are not opened.' };
  }
  const allowedOrigins = [...documentationOrigins];
  if (kratosEndpoint && URL.canParse(kratosEndpoint)) allowedOrigins.push(new URL(kratosEndpoint).origin);
  if (!allowedOrigins.includes(url.origin)) {
    return {
      allowed: false,
      reason: `Links to ${url.host} are not opened: only your Kratos server and Ory documentation are.`,
    };
  }
  return { allowed: true, url: url.href };
}
