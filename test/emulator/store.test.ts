import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATA_FILE_NAME } from '../../emulator/store';
import { startTestEmulator } from '../support/emulator';
import { call, login, PASSWORD, register, tokenHeader } from './helpers';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'kratos-emulator-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('persistence in a data directory', () => {
  it('keeps identities and sessions across a restart', async () => {
    const dataDir = tempDir();
    const first = await startTestEmulator({ dataDir });
    const { email, token, body } = await register(first.url);
    await first.stop();

    const second = await startTestEmulator({ dataDir });
    try {
      const whoami = await call('GET', `${second.url}/sessions/whoami`, { headers: tokenHeader(token) });
      expect(whoami.status).toBe(200);
      expect(whoami.body.id).toBe(body.session.id);
      expect((await login(second.url, email)).status).toBe(200);
    } finally {
      await second.stop();
    }
  });

  it('writes one JSON file (mode 600, no temp file left) that never contains a plaintext password', async () => {
    const dataDir = tempDir();
    const emulator = await startTestEmulator({ dataDir });
    await register(emulator.url);
    await emulator.stop();

    expect(readdirSync(dataDir)).toEqual([DATA_FILE_NAME]);
    const file = join(dataDir, DATA_FILE_NAME);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const content = readFileSync(file, 'utf8');
    expect(content).not.toContain(PASSWORD);
    expect(content).toMatch(/"hash":"\$2[aby]\$04\$/);
  });

  it('keeps everything in memory without a data directory', async () => {
    const emulator = await startTestEmulator();
    const { token } = await register(emulator.url);
    await emulator.stop();
    const again = await startTestEmulator();
    try {
      expect(
        (await call('GET', `${again.url}/sessions/whoami`, { headers: tokenHeader(token) })).status,
      ).toBe(401);
    } finally {
      await again.stop();
    }
  });
});
