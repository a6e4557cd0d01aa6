/**
 * The Content-Security-Policy the `app://` protocol sends with every file. The renderer's index.html carries
 * the same policy in a `<meta>` tag (a test keeps the two identical), so the page is equally locked down when
 * served by the e2e harness.
 *
 * - `script-src 'self'`: only the bundled scripts; no inline script, no eval.
 * - `connect-src 'none'`: the page cannot talk to any server, Kratos included; everything goes through IPC.
 * - `img-src 'self' data:`: Kratos sends the TOTP QR code as a `data:` image.
 * - `default-src 'none'` covers everything not named (frames, plugins, workers); forms post nowhere and
 *   `<base>` cannot rewrite URLs. (`frame-ancestors` is left out: a `<meta>` CSP cannot carry it, and no
 *   other origin can load app:// pages anyway.)
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'none'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
