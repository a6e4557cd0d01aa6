/**
 * The HTTP shell around the routes, on plain node:http: reads the request, dispatches it, writes JSON with
 * Kratos's headers, counts requests (and those carrying Cookie/Origin) and reports every exchange.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { badRequest, errorReply, internalError, methodNotAllowed, routeNotFound } from '../errors';
import type { Reply } from './reply';
import type { EmulatorRequest } from './request';
import { hasCookieOrOrigin } from './request';
import { allowedMethods, match, type Route } from './router';

/** One request/response pair as seen on the wire; the spec validator consumes these. */
export interface Exchange {
  method: string;
  /** Path with query. */
  path: string;
  requestHeaders: Record<string, string | string[] | undefined>;
  status: number;
  responseHeaders: Record<string, string>;
  /** Parsed JSON body, or undefined when the response has none. */
  body: unknown;
}

export interface ServerStats {
  requests: number;
  cookieOrOriginRequests: number;
}

export interface ShellOptions<App> {
  routes: Route<App>[];
  app: App;
  stats: ServerStats;
  onExchange?: (exchange: Exchange) => void;
  /**
   * Routes served outside the JSON API: the browser's side of social sign-in (the demo identity provider's
   * pages and Kratos's OIDC callback) and the test outbox. Not counted, not reported to onExchange (whose
   * answers are checked against Kratos's OpenAPI spec, which covers the JSON API only).
   */
  privateRoutes?: Route<App>[];
  /** The Host header values answered (limits.ts); read per request, as the port is known once listening. */
  allowedHosts: () => ReadonlySet<string>;
  /** Resolves once the request's changes are on disk: answers are sent only then. */
  persisted: () => Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const NO_CACHE = { 'Cache-Control': 'private, no-cache, no-store, must-revalidate' };

/** No route for this method: 405 with `Allow` when the path exists with other methods, else 404. */
function unmatched<App>(routes: Route<App>[], path: string): Reply {
  const allowed = allowedMethods(routes, path);
  return allowed.length > 0 ? methodNotAllowed(allowed) : routeNotFound();
}

export function createShell<App>(options: ShellOptions<App>): Server {
  return createServer((req, res) => {
    // handle() answers every request it can; what still throws (a socket that failed while the answer was
    // written) is logged and that request dropped, never a crash of the process.
    handle(req, res, options).catch((error: unknown) => {
      console.error('[kratos-emulator] could not answer a request:', error);
      res.destroy();
    });
  });
}

/** The request for the routes, or the answer of a guard that refused it (not counted, not reported). */
type Admission = { refused: Reply } | { request: EmulatorRequest };

function admit<App>(req: IncomingMessage, options: ShellOptions<App>): Admission {
  const host = req.headers.host?.toLowerCase();
  if (host === undefined || !options.allowedHosts().has(host)) {
    const allowed = [...options.allowedHosts()].join(' or ');
    return {
      refused: errorReply(421, {
        reason: `This server only answers requests addressed to ${allowed}; the Host header was ${host === undefined ? 'missing' : `"${host.slice(0, 100)}"`}.`,
      }),
    };
  }
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://emulator.invalid');
  } catch {
    return { refused: badRequest('The request target is not a valid path.') };
  }
  return {
    request: {
      method: req.method ?? 'GET',
      path: url.pathname,
      url: `${url.pathname}${url.search}`,
      query: url.searchParams,
      headers: req.headers,
      body: Buffer.alloc(0),
      ip: req.socket.remoteAddress,
      params: {},
    },
  };
}

/** A reply as bytes on the wire: its headers and its text. */
interface Written {
  status: number;
  headers: Record<string, string>;
  payload: string | undefined;
}

/** Serializes a reply; throws when its body cannot be written (a BigInt, a cycle, nesting beyond the stack). */
function write(method: string, reply: Reply): Written {
  // Kratos v26.2.0 marks every GET answer as not cacheable, whatever the route (oryx/httprouterx
  // NoCacheNegroni, in front of its router), and no other (v1.3.1 marked every API answer but the health checks).
  const headers: Record<string, string> = { ...(method === 'GET' ? NO_CACHE : {}), ...reply.headers };
  const payload = reply.html ?? (reply.body === undefined ? undefined : JSON.stringify(reply.body));
  if (payload !== undefined) {
    headers['Content-Type'] =
      reply.html === undefined ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8';
    headers['Content-Length'] = String(Buffer.byteLength(payload));
  }
  return { status: reply.status, headers, payload };
}

async function handle<App>(
  req: IncomingMessage,
  res: ServerResponse,
  options: ShellOptions<App>,
): Promise<void> {
  const method = req.method ?? 'GET';
  let written: Written;
  let request: EmulatorRequest | undefined;
  let isPrivate = false;
  // Everything that can throw, the answer's serialization included, is inside the try: a request the emulator
  // cannot handle is answered 500 and the next one is served (issue 21: an echo too deep to serialize,
  // written after the try, ended the process).
  try {
    const admitted = admit(req, options);
    if ('refused' in admitted) {
      written = write(method, admitted.refused);
    } else {
      request = admitted.request;
      request.body = await readBody(req);
      const privateMatch = options.privateRoutes
        ? match(options.privateRoutes, method, request.path)
        : undefined;
      isPrivate = privateMatch !== undefined;
      if (!isPrivate) {
        options.stats.requests++;
        if (hasCookieOrOrigin(request)) options.stats.cookieOrOriginRequests++;
      }
      const found = privateMatch ?? match(options.routes, method, request.path);
      if (found) request.params = found.params;
      const reply = found
        ? await found.route.handler(request, options.app)
        : unmatched(options.routes, request.path);
      await options.persisted();
      written = write(method, reply);
    }
  } catch (error) {
    console.error('[kratos-emulator] request failed:', error);
    written = write(method, internalError());
  }

  if (!res.destroyed) {
    res.writeHead(written.status, written.headers);
    res.end(method === 'HEAD' ? undefined : written.payload);
  }

  if (request && !isPrivate) {
    options.onExchange?.({
      method,
      path: request.url,
      requestHeaders: { ...req.headers },
      status: written.status,
      responseHeaders: written.headers,
      body:
        written.payload === undefined || written.headers['Content-Type']?.startsWith('text/html')
          ? undefined
          : (JSON.parse(written.payload) as unknown),
    });
  }
}
