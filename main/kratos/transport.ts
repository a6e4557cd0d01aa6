/**
 * The I/O half of every Kratos call: one HTTP exchange over undici, read completely (up to a size cap) or
 * turned into an `unreachable` result. What the answer means is decided by map-response.ts.
 *
 * Guarantees, whatever the caller passes:
 * - headers are exactly `accept: application/json`, `user-agent`, `content-type: application/json` when there
 *   is a body and `x-session-token` when a token is given. Never `cookie` (Kratos rejects API-flow requests
 *   with cookies, and this client keeps no cookie jar: `set-cookie` is ignored) and never `origin` (Kratos
 *   treats a request with `Origin` as a browser request, docs/protocol.md §0);
 * - redirects are not followed: `undici.request` only follows them when a redirect interceptor is installed,
 *   and none is. The 3xx comes back as an answer and map-response.ts rejects it;
 * - a body larger than `maxResponseBytes` is abandoned as soon as the limit is crossed (checked on the stream,
 *   so it also holds when `content-length` is absent or wrong, and with any dispatcher, mocks included).
 */
import { EventEmitter } from 'node:events';
import { Agent, request, type Dispatcher } from 'undici';
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { HttpAnswer } from './map-response';
import { fromRequestError, pastDeadline, tooLarge, type Unreachable } from './unreachable';

export interface KratosTimeouts {
  /** Opening the TCP/TLS connection. */
  connectMs: number;
  /** From sending the request to the end of the response headers. */
  headersMs: number;
  /** Longest silence between two chunks of the response body. */
  bodyMs: number;
  /**
   * The whole exchange, connection to last byte. The limits above each bound one silence; a server that
   * sends a byte every few seconds trips none of them, so this one bounds the total.
   */
  totalMs: number;
}

export const DEFAULT_TIMEOUTS: KratosTimeouts = {
  connectMs: 10_000,
  headersMs: 15_000,
  bodyMs: 15_000,
  totalMs: 30_000,
};

/** Large enough for a page of 250 sessions or a settings flow with a QR code, small enough to never hurt. */
export const DEFAULT_MAX_RESPONSE_BYTES = 2 * 1024 * 1024;

/** How long an idle keep-alive connection is kept (servers may close earlier; undici then reconnects). */
const KEEP_ALIVE_MS = 30_000;

/**
 * Connection options undici and Node's `net`/`tls` read without an own value, so an inherited one would be
 * used: a key planted on `Object.prototype` (prototype pollution anywhere in the process) could send the
 * token to a local socket (`socketPath`) over TLS trusting another CA (`ca`) or name (`servername`). Set
 * explicitly as own properties, they shadow anything inherited; `undefined` means undici's and Node's defaults.
 */
const noInheritedRouting = { socketPath: undefined, ca: undefined, servername: undefined } as const;

/** The dedicated agent of one client: its own connection pool, so no other code shares its sockets. */
export function createAgent(timeouts: KratosTimeouts): Agent {
  return new Agent({
    connect: { ...noInheritedRouting, timeout: timeouts.connectMs },
    headersTimeout: timeouts.headersMs,
    bodyTimeout: timeouts.bodyMs,
    keepAliveTimeout: KEEP_ALIVE_MS,
    keepAliveMaxTimeout: KEEP_ALIVE_MS,
  });
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'DELETE';
  url: URL;
  token?: string;
  /** Sent as JSON. */
  json?: unknown;
}

export interface HttpExchange extends HttpAnswer {
  headers: IncomingHttpHeaders;
}

export interface TransportSettings {
  dispatcher: Dispatcher;
  /** `KratosTimeouts.totalMs`. */
  deadlineMs: number;
  /** The normalized endpoint, for messages. */
  baseUrl: string;
  maxResponseBytes: number;
  /** Which of this project's clients is asking (shared/user-agent.ts). */
  userAgent: string;
}

export async function exchange(
  settings: TransportSettings,
  req: HttpRequest,
): Promise<HttpExchange | Unreachable> {
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': settings.userAgent };
  if (req.json !== undefined) headers['content-type'] = 'application/json';
  if (req.token !== undefined) headers['x-session-token'] = req.token;

  // Aborting destroys the request: its socket is closed whether the headers or the body were under way.
  const deadline = new Deadline();
  const timer = setTimeout(() => deadline.abort(), settings.deadlineMs);
  try {
    const response = await request(req.url, {
      dispatcher: settings.dispatcher,
      method: req.method,
      headers,
      body: req.json === undefined ? undefined : JSON.stringify(req.json),
      signal: deadline,
    });
    const { statusCode: status, headers: responseHeaders, body } = response;

    const limit = settings.maxResponseBytes;
    if (Number(responseHeaders['content-length'] ?? 0) > limit) {
      body.destroy();
      return tooLarge(settings.baseUrl, limit);
    }
    const text = await readCapped(body, limit);
    if (text === undefined) return tooLarge(settings.baseUrl, limit);
    return { status, headers: responseHeaders, text };
  } catch (error) {
    if (deadline.aborted) return pastDeadline(settings.baseUrl, settings.deadlineMs);
    return fromRequestError(settings.baseUrl, error);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The whole exchange's deadline, as the event emitter that undici accepts for `signal` as well as an
 * `AbortSignal`: undici's listener bookkeeping on an `AbortSignal` cost 9% of a whoami, this 3% (measured
 * against a bare undici request, bench/whoami.bench.ts). Undici reads `aborted` and listens for `abort`.
 */
class Deadline extends EventEmitter {
  aborted = false;

  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    this.emit('abort');
  }
}

/**
 * Resolves with the body as text, or with `undefined` as soon as it grows past `limit` (the stream is then
 * destroyed, which also closes the connection). Plain stream events rather than `for await`: measurably
 * cheaper per call on the whoami hot path (see bench/).
 */
function readCapped(body: Readable, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    body.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      body.destroy();
      resolve(undefined);
    });
    body.on('end', () => resolve(Buffer.concat(chunks, size).toString('utf8')));
    body.on('error', reject);
  });
}
