/**
 * Electron glue for the `app://` scheme: registered as privileged (standard + secure) before the app is
 * ready, then served from the renderer build on the window's session. Which file a URL maps to, and the
 * CSP, are decided in main/app (pure, unit-tested); this file only reads the file and answers.
 */
import { readFile } from 'node:fs/promises';
import { protocol, type Session } from 'electron';
import { appScheme } from './policy/app-origin';
import { contentSecurityPolicy } from './policy/csp';
import { resolveRendererFile } from './policy/renderer-files';
import type { Logger } from './log';

/** Must run before `app.ready`. `standard` gives the page a real origin; `secure` makes it a secure context. */
export function registerAppSchemeAsPrivileged(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: appScheme,
      privileges: {
        standard: true,
        secure: true,
        supportFetchAPI: false,
        corsEnabled: false,
        bypassCSP: false,
        allowServiceWorkers: false,
        stream: false,
      },
    },
  ]);
}

export function serveRendererFiles(session: Session, rendererRoot: string, log: Logger): void {
  session.protocol.handle(appScheme, async (request) => {
    const resolved = resolveRendererFile(request.url, rendererRoot);
    if (resolved.kind === 'refused') {
      log.warn('app:// request refused', { status: resolved.status, reason: resolved.reason });
      return new Response(null, { status: resolved.status });
    }
    let body: Buffer;
    try {
      body = await readFile(resolved.path);
    } catch {
      return new Response(null, { status: 404 });
    }
    return new Response(new Uint8Array(body), {
      headers: {
        'Content-Type': resolved.mimeType,
        'Content-Security-Policy': contentSecurityPolicy,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
      },
    });
  });
}
