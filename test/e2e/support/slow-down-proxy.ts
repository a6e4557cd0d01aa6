/**
 * A proxy in front of the emulator that answers chosen requests with 429 Too Many Requests, as Ory Network
 * does when a project's rate limit is hit; every other request goes through unchanged. It records what
 * reached it, so a test can tell that a refused submit was not sent again by itself.
 */
import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlowDownProxy {
  url: string;
  /** Requests that reached the proxy, as "METHOD /path" (no query). */
  seen: string[];
  /** Answer requests matching `method` and `path` (no query) with 429 and this `Retry-After`. */
  refuse(method: string, path: string, retryAfter: string): void;
  allow(): void;
  stop(): Promise<void>;
}

export async function startSlowDownProxy(target: string): Promise<SlowDownProxy> {
  let refused: { method: string; path: string; retryAfter: string } | undefined;
  const seen: string[] = [];
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').replace(/\?.*$/, '');
    seen.push(`${req.method} ${path}`);
    void readBody(req).then((body) => {
      if (refused && req.method === refused.method && path === refused.path) {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': refused.retryAfter });
        res.end(
          JSON.stringify({ error: { code: 429, status: 'Too Many Requests', message: 'rate limit hit' } }),
        );
        return;
      }
      const upstream = new URL(req.url ?? '/', target);
      const forwarded = request(
        upstream,
        { method: req.method, headers: { ...req.headers, host: upstream.host } },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forwarded.on('error', () => res.destroy());
      forwarded.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    refuse: (method, path, retryAfter) => (refused = { method, path, retryAfter }),
    allow: () => (refused = undefined),
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
