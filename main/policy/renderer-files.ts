/**
 * Maps an `app://kratos-desktop/<path>` request to a file of the renderer build, or refuses it. Pure: the
 * protocol handler (main/protocol.ts) does the reading.
 *
 * Only files inside the renderer root are served. Percent-encoded dot segments, backslashes, NUL bytes and
 * any other host are refused rather than normalized, so no spelling escapes the root.
 */
import path from 'node:path';
import { appHost, appScheme } from './app-origin';

export type RendererFileResolution =
  | { kind: 'file'; path: string; mimeType: string }
  | { kind: 'refused'; status: 400 | 403 | 404; reason: string };

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export function resolveRendererFile(requestUrl: string, rootDir: string): RendererFileResolution {
  if (!URL.canParse(requestUrl)) return { kind: 'refused', status: 400, reason: 'not a URL' };
  const url = new URL(requestUrl);
  if (url.protocol !== `${appScheme}:` || url.host !== appHost) {
    return { kind: 'refused', status: 403, reason: 'not the app origin' };
  }

  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return { kind: 'refused', status: 400, reason: 'bad percent-encoding' };
  }
  if (pathname.includes('\0') || pathname.includes('\\')) {
    return { kind: 'refused', status: 400, reason: 'forbidden character in path' };
  }
  const segments = pathname.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '..' || segment === '.')) {
    return { kind: 'refused', status: 403, reason: 'dot segment in path' };
  }

  const relative = segments.length === 0 ? 'index.html' : segments.join('/');
  const root = path.resolve(rootDir);
  const filePath = path.resolve(root, relative);
  // Belt and braces: whatever the rules above missed, the resolved path must stay under the root.
  if (filePath !== root && !filePath.startsWith(root + path.sep)) {
    return { kind: 'refused', status: 403, reason: 'outside the renderer root' };
  }
  const mimeType = mimeTypes[path.extname(filePath).toLowerCase()];
  if (!mimeType) return { kind: 'refused', status: 404, reason: 'unknown file type' };
  return { kind: 'file', path: filePath, mimeType };
}
