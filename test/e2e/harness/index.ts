/**
 * The Chromium harness: the real renderer build (dist/renderer) and the real preload bundle
 * (dist/preload/index.cjs) running in Debian's Chromium, with IPC answered by a Node-side `handle`
 * function — the real main-process IPC handlers in the e2e suite, a stub in the fixture suite.
 *
 *   renderer ─ window.kratos ─ real preload ─ electron shim ─ Playwright binding ─ handle(channel, args, senderUrl)
 *
 * The page is served from a fixed origin through `page.route` (no server, no port) with the same CSP the
 * app's index.html carries, sent as a header too so it applies before the first byte of HTML is parsed.
 * Build first: `node scripts/build.mjs preload renderer` (`npm run test:e2e` / `test:fixtures` do).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';
import type { Browser, BrowserContext, Page } from '@playwright/test';

/** Answers one `ipcRenderer.invoke`; `senderUrl` is the URL of the frame that called (for sender checks). */
export type IpcHandler = (channel: string, args: unknown[], senderUrl: string) => Promise<unknown>;

export interface OpenAppOptions {
  handle: IpcHandler;
  viewport?: { width: number; height: number };
  /** The system's locale and time zone as the renderer sees them (Intl): default the machine's. */
  locale?: string;
  timezoneId?: string;
  /** Another renderer build to serve (e.g. a development build); dist/renderer by default. */
  rendererDir?: string;
  /** The language main names in the page's address (`?lang=`, as main/window.ts does); none by default. */
  language?: string;
  /** The language setting main names beside it (`?setting=`); none by default (the selector reads System). */
  languageSetting?: string;
}

/** The page's address as main names it: the language shown and the setting it comes from, when given. */
export function pageAddress(language: string | undefined, languageSetting: string | undefined): string {
  const query = new URLSearchParams();
  if (language !== undefined) query.set('lang', language);
  if (languageSetting !== undefined) query.set('setting', languageSetting);
  return query.size === 0 ? appUrl : `${appUrl}?${query.toString()}`;
}

export interface AppHarness {
  page: Page;
  context: BrowserContext;
  /** Push a main → renderer event (e.g. `kratos:state`). */
  send(channel: string, payload: unknown): Promise<void>;
  /** Every value the renderer received: invoke results and pushed payloads (for the token-leak test). */
  messagesToRenderer: unknown[];
  /** Every invoke the renderer made, in order. */
  invocations: { channel: string; args: unknown[] }[];
  /** Console errors, uncaught page errors and CSP violations. */
  consoleErrors: string[];
  /** Listeners the renderer has registered on a channel (checks unsubscribe). */
  listenerCount(channel: string): Promise<number>;
  close(): Promise<void>;
}

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const defaultRendererDir = path.join(repoRoot, 'dist', 'renderer');
const preloadBundle = path.join(repoRoot, 'dist', 'preload', 'index.cjs');

/** Where the harness serves the renderer. `*.localhost` is a secure context (clipboard works) and never hits DNS. */
export const appOrigin = 'http://kratos-desktop.localhost';
const appUrl = `${appOrigin}/index.html`;

const rendererCsp =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'none'; " +
  "font-src 'self'; base-uri 'none'; form-action 'none'";

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

export async function openApp(browser: Browser, options: OpenAppOptions): Promise<AppHarness> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1000, height: 800 },
    ...(options.locale ? { locale: options.locale } : {}),
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
  });
  const page = await context.newPage();
  const messagesToRenderer: unknown[] = [];
  const invocations: { channel: string; args: unknown[] }[] = [];
  const consoleErrors: string[] = [];
  const rendererDir = options.rendererDir ?? defaultRendererDir;

  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));

  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== appOrigin) {
      // The renderer has no business on the network; anything else is refused (and shows up as an error).
      await route.abort('blockedbyclient');
      return;
    }
    const file = path.normalize(path.join(rendererDir, decodeURIComponent(url.pathname)));
    if (!file.startsWith(rendererDir + path.sep)) {
      await route.fulfill({ status: 403, body: 'outside the renderer build' });
      return;
    }
    try {
      const body = await readFile(file);
      await route.fulfill({
        status: 200,
        body,
        headers: {
          'content-type': contentTypes[path.extname(file)] ?? 'application/octet-stream',
          'content-security-policy': rendererCsp,
        },
      });
    } catch {
      await route.fulfill({ status: 404, body: 'not found' });
    }
  });

  await page.exposeBinding('__kratosHarnessInvoke', async (source, channel: string, args: unknown[]) => {
    invocations.push({ channel, args });
    const result = await options.handle(channel, args, source.frame.url());
    messagesToRenderer.push(result);
    return result;
  });
  await page.addInitScript({ content: await preloadInitScript() });
  await page.goto(pageAddress(options.language, options.languageSetting));

  return {
    page,
    context,
    messagesToRenderer,
    invocations,
    consoleErrors,
    async send(channel, payload) {
      messagesToRenderer.push(payload);
      await page.evaluate(
        ([name, value]) => (globalThis as unknown as ShimGlobals).__kratosHarnessEmit(name as string, value),
        [channel, payload] as const,
      );
    },
    listenerCount: (channel) =>
      page.evaluate(
        (name) => (globalThis as unknown as ShimGlobals).__kratosHarnessListenerCount(name),
        channel,
      ),
    close: () => context.close(),
  };
}

interface ShimGlobals {
  __kratosHarnessEmit(channel: string, payload: unknown): void;
  __kratosHarnessListenerCount(channel: string): number;
}

let initScript: Promise<string> | undefined;

/**
 * The init script: the electron shim, then the real preload bundle run as CommonJS with a `require` that
 * knows only 'electron' (a sandboxed preload cannot require anything else either). Built as one string
 * because the page's CSP forbids eval, so the bundle cannot be turned into code inside the page.
 */
function preloadInitScript(): Promise<string> {
  initScript ??= (async () => {
    const shimSource = await readFile(fileURLToPath(new URL('./electron-shim.ts', import.meta.url)), 'utf8');
    const shim = await transform(shimSource, { loader: 'ts', format: 'cjs', target: 'chrome120' });
    const preload = await readFile(preloadBundle, 'utf8').catch(() => {
      throw new Error(`${preloadBundle} is missing: run \`node scripts/build.mjs preload renderer\` first`);
    });
    return `(() => {
  const electron = { exports: {} };
  (function (module, exports) {
${shim.code}
  })(electron, electron.exports);
  const preload = { exports: {} };
  const require = (id) => {
    if (id === 'electron') return electron.exports;
    throw new Error('the preload may only require "electron", not ' + JSON.stringify(id));
  };
  (function (require, module, exports) {
${preload}
  })(require, preload, preload.exports);
})();`;
  })();
  return initScript;
}
