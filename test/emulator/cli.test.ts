import { fork, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateAgainstSpec } from '../support/spec-validator';
import { call } from './helpers';

/** The `provider` values of a login flow's social sign-in buttons. */
const providerButtons = (flow: {
  ui: { nodes: Array<{ group: string; attributes: { value?: unknown } }> };
}) => flow.ui.nodes.filter((n) => n.group === 'oidc').map((n) => n.attributes.value);

describe('npm run emulator (emulator/cli.ts)', () => {
  it('serves a spec-valid native login flow, stores data in --data-dir and stops cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kratos-emulator-cli-'));
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'emulator/cli.ts', '--port', '0', '--data-dir', dataDir],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const found = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
          if (found) resolve(found[1]!);
        });
        child.once('exit', (code) => reject(new Error(`cli exited early with ${code}: ${output}`)));
      });
      const res = await call('GET', `${url}/self-service/login/api`);
      expect(res.status).toBe(200);
      // Without a file, the demo: social sign-in with its own provider.
      expect(providerButtons(res.body)).toEqual(['example']);
      expect(
        validateAgainstSpec({ method: 'GET', path: '/self-service/login/api', status: 200, body: res.body }),
      ).toEqual([]);
      expect(readdirSync(dataDir)).toEqual(['kratos-emulator.json']);

      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("--config reads a Kratos YAML file from Kratos's defaults: ignored keys named once at start; a malformed file exits 2", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kratos-emulator-cli-config-'));
    const run = (config: string) =>
      spawn(process.execPath, ['--import', 'tsx', 'emulator/cli.ts', '--port', '0', '--config', config], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    try {
      const good = join(dir, 'kratos.yml');
      writeFileSync(
        good,
        'selfservice: { flows: { registration: { enable_legacy_one_step: true }, login: { style: identifier_first } } }\n',
      );
      const child = run(good);
      let output = '';
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const found = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
          if (found) resolve(found[1]!);
        });
        child.once('exit', (code) => reject(new Error(`cli exited early with ${code}: ${output}`)));
      });
      const registration = await call('GET', `${url}/self-service/registration/api`);
      expect(
        registration.body.ui.nodes.map((n: { attributes: { name: string } }) => n.attributes.name),
      ).toContain('password');
      // The file does not enable oidc: Kratos's default (off), not the demo's provider.
      const login = await call('GET', `${url}/self-service/login/api`);
      expect(login.status).toBe(200);
      expect(providerButtons(login.body)).toEqual([]);
      expect(output.match(/not implemented by the emulator: selfservice\.flows\.login\.style/g)).toHaveLength(
        1,
      );
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);

      const bad = join(dir, 'broken.yml');
      writeFileSync(bad, 'session: [\n');
      const failing = run(bad);
      let errors = '';
      failing.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => failing.once('exit', resolve));
      expect(code).toBe(2);
      expect(errors).toContain(`Invalid configuration: ${bad}: not a valid YAML file`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--passkeys offers passkeys and tells its parent (npm start) the passkey page with its URL', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kratos-emulator-cli-passkeys-'));
    const child = fork('emulator/cli.ts', ['--port', '0', '--data-dir', dataDir, '--passkeys'], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    try {
      const ready = await new Promise<{ url: string; passkeyPageUrl?: string }>((resolve, reject) => {
        child.on('message', (message) => resolve(message as { url: string; passkeyPageUrl?: string }));
        child.once('exit', (code) => reject(new Error(`cli exited early with ${code}`)));
      });
      const port = new URL(ready.url).port;
      expect(ready.passkeyPageUrl).toBe(`http://localhost:${port}/passkey`);
      const page = await fetch(`http://127.0.0.1:${port}/passkey`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      const login = await call('GET', `${ready.url}/self-service/login/api`);
      const groups = login.body.ui.nodes.map((n: { group: string }) => n.group);
      expect(groups).toContain('passkey');
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('names no passkey page without --passkeys (the method is off, as in Kratos)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kratos-emulator-cli-nopasskeys-'));
    const child = fork('emulator/cli.ts', ['--port', '0', '--data-dir', dataDir], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    try {
      const ready = await new Promise<Record<string, unknown>>((resolve, reject) => {
        child.on('message', (message) => resolve(message as Record<string, unknown>));
        child.once('exit', (code) => reject(new Error(`cli exited early with ${code}`)));
      });
      expect(ready).toEqual({ type: 'ready', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
