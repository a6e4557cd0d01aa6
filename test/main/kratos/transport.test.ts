/**
 * The transport's own guarantees against a hostile process or server: where a request goes is decided only by
 * the endpoint URL, never by values inherited from a polluted `Object.prototype`.
 */
import { createServer as createNetServer, type Server } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKratosClient } from '../../../main/kratos/client';
import { sendJson, startRecordingServer } from './recording-server';

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
