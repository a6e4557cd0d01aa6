/**
 * The passkey page served the way an operator would host it, for the real-Kratos suites: web/passkey.html
 * at `http://localhost:<port>/passkey` (an RP ID is a domain, so the page is addressed by `localhost`, while
 * the server listens on 127.0.0.1 like every server in the tests). Its origin goes into Kratos's
 * `rp.origins`; a second one started the same way is an origin Kratos does not know.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { passkeyPageHeaders, passkeyPageHtml } from '../../emulator/passkey/page';

export interface PasskeyPageServer {
  /** The page's address, e.g. http://localhost:41234/passkey. */
  url: string;
  /** Its origin, for `rp.origins`. */
  origin: string;
  stop(): Promise<void>;
}

export async function startPasskeyPage(): Promise<PasskeyPageServer> {
  const html = passkeyPageHtml();
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/passkey') {
      res.writeHead(200, passkeyPageHeaders(html)).end(html);
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/passkey`,
    origin,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
