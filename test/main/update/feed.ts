/**
 * A generic update feed as electron-builder lays it out, served on 127.0.0.1 by the test: the channel file
 * (`latest-linux.yml` on x64 Linux) naming the release's file with its sha512 and size, and the file itself.
 * `serve` may send other bytes than the ones the channel file describes (a tampered mirror).
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { stringify } from 'yaml';

interface Release {
  version: string;
  fileName: string;
  /** What the channel file describes. */
  bytes: Buffer;
  /** What the server sends for the file (default: `bytes`). */
  serve?: Buffer;
  /** The sha512 the channel file states (default: that of `bytes`). */
  sha512?: string;
}

/** electron-updater's channel file name for this machine (its `Provider.getChannelFilePrefix`). */
const channelFile = `latest-linux${process.arch === 'x64' ? '' : `-${process.arch}`}.yml`;

export function sha512(bytes: Buffer): string {
  return createHash('sha512').update(bytes).digest('base64');
}

/** The channel file's text, as electron-builder writes it. */
function channelYaml(release: Release): string {
  const file = {
    url: release.fileName,
    sha512: release.sha512 ?? sha512(release.bytes),
    size: release.bytes.length,
  };
  return stringify({
    version: release.version,
    files: [file],
    path: file.url,
    sha512: file.sha512,
    releaseDate: '2026-12-07T12:00:00.000Z',
  });
}

export interface Feed {
  url: string;
  /** Paths asked for, in order. */
  requests: string[];
  publish(release: Release): void;
  stop(): Promise<void>;
}

/** Serves the feed; `port` 0 picks a free one. Until a release is published, every path is 404. */
export async function startFeed(port = 0): Promise<Feed> {
  const files = new Map<string, Buffer>();
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://feed').pathname;
    requests.push(path);
    const body = files.get(path);
    if (body === undefined) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-length': body.length }).end(body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    requests,
    publish(release) {
      files.set(`/${channelFile}`, Buffer.from(channelYaml(release)));
      files.set(`/${release.fileName}`, release.serve ?? release.bytes);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
