/**
 * The HTTP shell around the routes, on plain node:http: reads the request, dispatches it, writes JSON with
 * Kratos's headers, counts requests (and those carrying Cookie/Origin) and reports every exchange.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { internalError, methodNotAllowed, routeNotFound } from '../errors';
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
  /** Routes served outside the public API (the test outbox); not reported to onExchange. */
  privateRoutes?: Route<App>[];
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

/** No route for this method: 405 with `Allow` when the path exists with other methods, else 404. */
function unmatched<App>(routes: Route<App>[], path: string): Reply {
  const allowed = allowedMethods(routes, path);
  return allowed.length > 0 ? methodNotAllowed(allowed) : routeNotFound();
}

export function createShell<App>(options: ShellOptions<App>): Server {
  return createServer((req, res) => {
    void handle(req, res, options);
  });
}

async function handle<App>(
  req: IncomingMessage,
  res: ServerResponse,
  options: ShellOptions<App>,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://emulator.invalid');
  const method = req.method ?? 'GET';
  let reply: Reply;
  let isPrivate = false;
  try {
    const request: EmulatorRequest = {
      method,
      path: url.pathname,
      url: `${url.pathname}${url.search}`,
      query: url.searchParams,
      headers: req.headers,
      body: await readBody(req),
      ip: req.socket.remoteAddress,
      params: {},
    };
    const privateMatch = options.privateRoutes
      ? match(options.privateRoutes, method, url.pathname)
      : undefined;
    isPrivate = privateMatch !== undefined;
    if (!isPrivate) {
      options.stats.requests++;
      if (hasCookieOrOrigin(request)) options.stats.cookieOrOriginRequests++;
    }
    const found = privateMatch ?? match(options.routes, method, url.pathname);
    if (found) request.params = found.params;
    reply = found ? await found.route.handler(request, options.app) : unmatched(options.routes, url.pathname);
  } catch (error) {
    console.error('[kratos-emulator] request failed:', error);
    reply = internalError();
  }

  const headers: Record<string, string> = { ...reply.headers };
  const payload = reply.body === undefined ? undefined : JSON.stringify(reply.body);
  if (payload !== undefined) headers['Content-Type'] = 'application/json; charset=utf-8';
  res.writeHead(reply.status, headers);
  res.end(method === 'HEAD' ? undefined : payload);

  if (!isPrivate) {
    options.onExchange?.({
      method,
      path: `${url.pathname}${url.search}`,
      requestHeaders: { ...req.headers },
      status: reply.status,
      responseHeaders: headers,
      body: payload === undefined ? undefined : (JSON.parse(payload) as unknown),
    });
  }
}
