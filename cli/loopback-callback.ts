/**
 * Where the system browser comes back to the terminal client after a social sign-in: a tiny HTTP listener on
 * `http://127.0.0.1:<port>/auth/callback`, the loopback redirect RFC 8252 (§7.3) describes for native apps.
 * A terminal has no `kratos-desktop://` deep link, so Kratos's `return_to` names this address instead, and
 * the server must allow it (`selfservice.allowed_return_urls`); the port is fixed (configurable) because
 * Kratos compares the whole origin.
 *
 * Everything that arrives is hostile until checked: only `GET /auth/callback` with a `Host` of exactly
 * `127.0.0.1:<port>` (a web page that rebinds a DNS name to 127.0.0.1 sends its own name) and the same query
 * rule as the deep link (a well-formed `code`, nothing after a failed sign-in, or an account-linking `flow`). The code is handed on and never logged or echoed. The
 * flow service decides what a code is worth: without the init code, which never leaves this process, it is
 * worthless, and it is redeemed only while a sign-in waits for it.
 *
 * Written on node:http rather than a framework: one route, no body, and every check is the point.
 */
import { text } from './strings';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Notice } from '../shared/ipc-contract';
import { parseAuthCallbackQuery, parsePasskeyQuery, type AuthCallback } from '../main/policy/deep-link';

const callbackPath = '/auth/callback';
/** Where the passkey page hands a passkey back to the terminal client. */
const passkeyReturnPath = '/auth/passkey';

/** The port when neither `--callback-port` nor the environment names one. */
export const defaultCallbackPort = 47623;
export const callbackPortEnvironmentVariable = 'KRATOS_CLI_CALLBACK_PORT';

/** How long the browser's tab waits for the sign-in to finish before it is told to look at the terminal. */
const answerDeadlineMs = 30_000;

export interface LoopbackCallbackOptions {
  port: number;
  /** Acts on what the browser came back with; resolves when that sign-in ended (a note when ignored). */
  redeem: (callback: AuthCallback) => Promise<Notice | undefined>;
}

export function callbackUrl(port: number): string {
  return `http://127.0.0.1:${port}${callbackPath}`;
}

/** The passkey page's way back to this listener. */
export function passkeyReturnUrl(port: number): string {
  return `http://127.0.0.1:${port}${passkeyReturnPath}`;
}

/** `--callback-port`, else the environment, else the default; a clear error for anything but a port. */
export function callbackPortFrom(flag: string | undefined, environment: string | undefined): number {
  const given = flag ?? environment;
  if (given === undefined || given === '') return defaultCallbackPort;
  const port = Number(given);
  if (!/^\d+$/.test(given) || port < 1 || port > 65_535) {
    throw new RangeError(text.server.callbackPort(given));
  }
  return port;
}

export class LoopbackCallback {
  readonly #options: LoopbackCallbackOptions;
  #server: http.Server | undefined;
  #listening: Promise<void> | undefined;

  constructor(options: LoopbackCallbackOptions) {
    this.#options = options;
  }

  get url(): string {
    return callbackUrl(this.port);
  }

  /** The bound port (the configured one; tests may ask for port 0 and read it here). */
  get port(): number {
    const address = this.#server?.address() as AddressInfo | null | undefined;
    return address?.port ?? this.#options.port;
  }

  /** Starts listening (once); rejects with a sentence when the port cannot be used. */
  listen(): Promise<void> {
    this.#listening ??= new Promise<void>((resolve, reject) => {
      const server = http.createServer((request, response) => void this.#answer(request, response));
      this.#server = server;
      server.once('error', (error: NodeJS.ErrnoException) => {
        this.#listening = undefined;
        reject(
          new Error(
            error.code === 'EADDRINUSE'
              ? text.browser.portInUse(this.#options.port)
              : text.browser.cannotListen(this.#options.port, error.message),
          ),
        );
      });
      server.listen(this.#options.port, '127.0.0.1', () => resolve());
    });
    return this.#listening;
  }

  async close(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    this.#listening = undefined;
    if (server === undefined || !server.listening) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async #answer(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const pages = text.browser.pages;
    const page = (status: number, sentence: string) => {
      response.writeHead(status, {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
        // The page is ours and static: nothing may load, run or be framed.
        'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
        'Referrer-Policy': 'no-referrer',
      });
      response.end(
        `<!doctype html><html lang="${text.locale}"><meta charset="utf-8"><title>Kratos Desktop</title><p>${escapeHtml(sentence)}</p>`,
      );
    };
    if (request.headers.host !== `127.0.0.1:${this.port}`) return page(421, pages.wrongAddress);
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${this.port}`);
    const passkey = url.pathname === passkeyReturnPath;
    if (request.method !== 'GET' || (url.pathname !== callbackPath && !passkey))
      return page(404, pages.notFound);
    // The passkey page hands its answer back here too (docs/passkeys.md), with the same rules as the app's link.
    const decision = passkey ? parsePasskeyQuery(url.searchParams) : parseAuthCallbackQuery(url.searchParams);
    if (!decision.accepted || decision.action !== 'auth-callback') {
      return page(400, pages.notACallback);
    }
    const outcome = await withDeadline(
      this.#options.redeem(decision.callback).catch(() => ({
        level: 'error' as const,
        text: pages.notFinished,
      })),
      answerDeadlineMs,
    );
    if (outcome === 'late') return page(200, pages.late);
    if (outcome !== undefined) return page(409, outcome.text);
    page(200, pages.done);
  }
}

async function withDeadline<T>(work: Promise<T>, ms: number): Promise<T | 'late'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), ms)));
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
