/**
 * The passkey page (web/passkey.html) as the emulator serves it: read once from the repository, or from
 * beside the bundle (scripts/build.mjs copies it to dist/emulator/), with headers that repeat its CSP and
 * forbid framing (a meta CSP cannot say frame-ancestors).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** The page's path on the emulator. */
export const PASSKEY_PAGE_PATH = '/passkey';

/**
 * Where an emulator at `serverUrl` (`http://127.0.0.1:<port>`) serves its passkey page: on `localhost`, the
 * same port, as an RP ID is a domain and `127.0.0.1` cannot be one. This is the address a client is given
 * (`KRATOS_PASSKEY_PAGE_URL`, which `npm start` sets from the emulator's ready message).
 */
export function emulatorPasskeyPageUrl(serverUrl: string): string {
  return `http://localhost:${new URL(serverUrl).port}${PASSKEY_PAGE_PATH}`;
}

/** Beside the bundle (dist/emulator/, an ESM bundle), else in the repository (this file under tsx). */
function pageFile(): string {
  const besideBundle = fileURLToPath(new URL('./passkey.html', import.meta.url));
  if (existsSync(besideBundle)) return besideBundle;
  return fileURLToPath(new URL('../../web/passkey.html', import.meta.url));
}

/** The page's HTML (the one file operators host). */
export function passkeyPageHtml(): string {
  cached ??= readFileSync(pageFile(), 'utf8');
  return cached;
}

/** The page's own CSP (its meta tag), so the header and the file cannot disagree. */
export function passkeyPageCsp(html: string): string {
  const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
  if (!csp) throw new Error('web/passkey.html has no CSP');
  return csp;
}

/** Headers for serving the page: its CSP plus frame-ancestors, no caching, no referrer, no sniffing. */
export function passkeyPageHeaders(html: string): Record<string, string> {
  return {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': `${passkeyPageCsp(html)}; frame-ancestors 'none'`,
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
  };
}
