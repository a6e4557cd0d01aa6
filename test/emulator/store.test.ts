import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../emulator/index';
import { hashToken } from '../../emulator/domain/tokens';
import { forkNodeEmulator } from '../../emulator/process/fork-node';
import { superviseEmulator } from '../../emulator/process/supervisor';
import { DATA_FILE_NAME } from '../../emulator/store';
import { startTestEmulator, TEST_BCRYPT_COST } from '../support/emulator';
import { call, login, PASSWORD, register, settingsFlow, tokenHeader, uniqueEmail } from './helpers';

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

describe('what the data file holds of a session token', () => {
  it('only its SHA-256 hash, after sign-up, use and logout; the token still works after a restart', async () => {
    const dataDir = tempDir();
    const first = await startTestEmulator({ dataDir });
    const { token, email } = await register(first.url);
    await settingsFlow(first.url, token);
    const second = await login(first.url, email);
    await call('DELETE', `${first.url}/self-service/logout/api`, {
      json: { session_token: second.body.session_token },
    });
    await first.stop();

    const content = readFileSync(join(dataDir, DATA_FILE_NAME), 'utf8');
    for (const secret of [token, second.body.session_token as string]) {
      expect(content).not.toContain(secret);
      expect(content).not.toContain(secret.slice('ory_st_'.length));
      expect(content).toContain(hashToken(secret));
    }

    const again = await startTestEmulator({ dataDir });
    try {
      const whoami = await call('GET', `${again.url}/sessions/whoami`, { headers: tokenHeader(token) });
      expect(whoami.status).toBe(200);
      // A refresh keeps the caller's session and answers with its token, known again from the request.
      const refresh = await call('GET', `${again.url}/self-service/login/api?refresh=true`, {
        headers: tokenHeader(token),
      });
      const refreshed = await call('POST', refresh.body.ui.action, {
        json: { method: 'password', identifier: email, password: PASSWORD },
        headers: tokenHeader(token),
      });
      expect(refreshed.body.session_token).toBe(token);
    } finally {
      await again.stop();
    }
    expect(readFileSync(join(dataDir, DATA_FILE_NAME), 'utf8')).not.toContain(token);
  });
});

describe('writing the data file', () => {
  const storedIdentityIds = (dataDir: string) =>
    new Set(
      (
        JSON.parse(readFileSync(join(dataDir, DATA_FILE_NAME), 'utf8')) as { identities: { id: string }[] }
      ).identities.map((identity) => identity.id),
    );

  it('keeps flows in memory only: creating them writes nothing, and the file holds none', async () => {
    const dataDir = tempDir();
    const emulator = await startTestEmulator({ dataDir });
    try {
      await register(emulator.url);
      const writes = emulator.dataFileWrites();
      const flows = await Promise.all(
        Array.from({ length: 40 }, () => call('GET', `${emulator.url}/self-service/login/api`)),
      );
      expect(flows.every((flow) => flow.status === 200)).toBe(true);
      expect(emulator.dataFileWrites()).toBe(writes);
      const stored = JSON.parse(readFileSync(join(dataDir, DATA_FILE_NAME), 'utf8')) as Record<
        string,
        unknown
      >;
      expect(Object.keys(stored).sort()).toEqual([
        'identities',
        'idpAccounts',
        'outbox',
        'sessions',
        'version',
      ]);
    } finally {
      await emulator.stop();
    }
  });

  it('a restart drops open flows (404, as Kratos answers a flow it does not have) but keeps the account', async () => {
    const dataDir = tempDir();
    const first = await startTestEmulator({ dataDir });
    const { email } = await register(first.url);
    const open = await call('GET', `${first.url}/self-service/login/api`);
    await first.stop();

    const second = await startTestEmulator({ dataDir });
    try {
      expect((await call('GET', `${second.url}/self-service/login/flows?id=${open.body.id}`)).status).toBe(
        404,
      );
      expect((await login(second.url, email)).status).toBe(200);
    } finally {
      await second.stop();
    }
  });

  it('coalesces concurrent changes into at most one write each, and answers only once its change is on disk', async () => {
    const dataDir = tempDir();
    const emulator = await startTestEmulator({ dataDir });
    try {
      const registered = await Promise.all(Array.from({ length: 12 }, () => register(emulator.url)));
      // Read before stop(): every answered change must already be in the file.
      const ids = storedIdentityIds(dataDir);
      for (const { body } of registered) expect(ids.has(body.identity.id)).toBe(true);
      expect(emulator.dataFileWrites()).toBeGreaterThan(0);
      expect(emulator.dataFileWrites()).toBeLessThanOrEqual(12);
    } finally {
      await emulator.stop();
    }
  });

  it('loses no account already answered when the process is killed mid-write (temp file + rename)', async () => {
    const dataDir = tempDir();
    const emulator = await superviseEmulator({
      fork: () => forkNodeEmulator(),
      dataDir,
      port: 0,
      fallbackToFreePort: false,
      maxRestarts: 0,
      config: { bcryptCost: TEST_BCRYPT_COST },
    });
    const answered: string[] = [];
    let killed = false;
    const worker = async () => {
      while (!killed) {
        const flow = await call('GET', `${emulator.url}/self-service/registration/api`).catch(
          () => undefined,
        );
        if (flow?.status !== 200) continue;
        const done = await call('POST', flow.body.ui.action, {
          json: { method: 'password', traits: { email: uniqueEmail() }, password: PASSWORD },
        }).catch(() => undefined);
        if (done?.status === 200 && !killed) answered.push(done.body.identity.id as string);
      }
    };
    const workers = Array.from({ length: 6 }, worker);
    await expect.poll(() => answered.length, { timeout: 30_000 }).toBeGreaterThan(30);
    process.kill(emulator.pid()!, 'SIGKILL');
    killed = true;
    await Promise.all(workers);
    await emulator.stop();

    const ids = storedIdentityIds(dataDir);
    expect(answered.filter((id) => !ids.has(id))).toEqual([]);
  });
});

describe('expired flows', () => {
  it('are dropped once expired longer than a flow lifespan; until then they still answer 410', async () => {
    const clock = createManualClock(new Date('2026-06-01T00:00:00Z'));
    const emulator = await startTestEmulator({ clock });
    try {
      const old = await call('GET', `${emulator.url}/self-service/login/api`);
      clock.advance(emulator.config.flowLifespanMs.login + 60_000);
      await call('GET', `${emulator.url}/self-service/login/api`);
      const expired = await call('GET', `${emulator.url}/self-service/login/flows?id=${old.body.id}`);
      expect(expired.status).toBe(410);

      clock.advance(emulator.config.flowLifespanMs.login);
      await call('GET', `${emulator.url}/self-service/login/api`);
      const gone = await call('GET', `${emulator.url}/self-service/login/flows?id=${old.body.id}`);
      expect(gone.status).toBe(404);
    } finally {
      await emulator.stop();
    }
  });
});
