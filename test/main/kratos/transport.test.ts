/**
 * The transport's own guarantees against a hostile process or server: where a request goes is decided only by
 * the endpoint URL, never by values inherited from a polluted `Object.prototype`; an answer dripped one byte at
 * a time ends at the total deadline; closing the client ends requests under way at once.
 */
import { createServer as createNetServer, type Server } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKratosClient } from '../../../main/kratos/client';
import { sendJson, startDrippingServer, startRecordingServer } from './recording-server';

const TOKEN = 'ory_st_SECRETsecretSECRETsecretSECRET12';

/** A unix socket that counts every connection: the attacker's listener. */
async function startAttackerSocket(): Promise<{
  path: string;
  connections: () => number;
  close(): Promise<void>;
}> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kd-attacker-'));
  const socketPath = path.join(dir, 'attacker.sock');
  let connections = 0;
  const server: Server = createNetServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    path: socketPath,
    connections: () => connections,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

describe('transport routing', () => {
  const planted = ['socketPath', 'ca', 'servername'] as const;
  afterEach(() => {
    for (const key of planted) delete (Object.prototype as Record<string, unknown>)[key];
  });

  it('ignores socketPath, ca and servername planted on Object.prototype: the token goes to its endpoint only', async () => {
    const attacker = await startAttackerSocket();
    const kratos = await startRecordingServer((_request, response) =>
      sendJson(response, 401, { error: { code: 401, message: 'No valid session credentials found.' } }),
    );
    try {
      const prototype = Object.prototype as Record<string, unknown>;
      prototype['socketPath'] = attacker.path;
      prototype['ca'] = '-----BEGIN CERTIFICATE-----\nattacker\n-----END CERTIFICATE-----';
      prototype['servername'] = 'attacker.example';
      const client = createKratosClient({ baseUrl: kratos.url });
      try {
        expect(await client.whoami(TOKEN)).toMatchObject({ kind: 'error', status: 401 });
      } finally {
        await client.close();
      }
      expect(attacker.connections()).toBe(0);
      expect(kratos.requests.map((request) => request.headers['x-session-token'])).toEqual([TOKEN]);
    } finally {
      for (const key of planted) delete (Object.prototype as Record<string, unknown>)[key];
      await kratos.close();
      await attacker.close();
    }
  });
});

describe('transport deadlines', () => {
  it('an answer dripped a byte at a time ends unreachable/timeout at the total deadline, though no idle timeout trips', async () => {
    const drip = await startDrippingServer();
    const client = createKratosClient({
      baseUrl: drip.url,
      timeouts: { headersMs: 60_000, bodyMs: 60_000, totalMs: 300 },
    });
    try {
      expect(await client.whoami(TOKEN)).toEqual({
        kind: 'unreachable',
        reason: 'timeout',
        message: `The Kratos server at ${drip.url} did not finish answering within 0.3 s.`,
      });
      // The abandoned exchange does not keep its connection.
      await expect.poll(() => drip.open()).toBe(0);
    } finally {
      await client.close();
      await drip.close();
    }
  });

  it('close() ends a request under way at once (destroy, not a graceful close that waits for it)', async () => {
    const drip = await startDrippingServer();
    const client = createKratosClient({
      baseUrl: drip.url,
      timeouts: { headersMs: 60_000, bodyMs: 60_000, totalMs: 60_000 },
    });
    try {
      const pending = client.whoami(TOKEN);
      await expect.poll(() => drip.open()).toBe(1);
      await client.close();
      expect(await pending).toMatchObject({ kind: 'unreachable' });
      await expect.poll(() => drip.open()).toBe(0);
    } finally {
      await drip.close();
    }
  });
});
