/**
 * `npm run kratos` (scripts/kratos.ts): a real Kratos v26.2.0 for people, on a port and a data folder of its
 * own here. It says where it listens, prints every email with its code, and stops cleanly on Ctrl-C, keeping
 * its data.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, realKratosIsBuilt } from '../support/real-kratos';

const root = new URL('../..', import.meta.url).pathname;
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** Resolves when `predicate` holds for the output so far; rejects at the deadline with the output. */
function waitFor(output: () => string, predicate: (text: string) => boolean, ms = 60_000): Promise<string> {
  const deadline = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const check = () => {
      if (predicate(output())) resolve(output());
      else if (Date.now() > deadline) reject(new Error(`not seen within ${ms} ms:\n${output()}`));
      else setTimeout(check, 200);
    };
    check();
  });
}

describe.skipIf(!realKratosIsBuilt('v26.2.0'))('npm run kratos', () => {
  it('serves Kratos v26.2.0 on 127.0.0.1, prints each email with its code, and stops on Ctrl-C keeping its data', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'kd-npm-run-kratos-'));
    dirs.push(dataDir);
    const port = await freePort();
    const child = spawn(
      process.execPath,
      [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/kratos.ts'],
      {
        cwd: root,
        env: { ...process.env, KRATOS_PORT: String(port), KRATOS_DATA: dataDir },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await waitFor(
        () => output,
        (text) => text.includes('is listening on'),
      );
      const url = `http://127.0.0.1:${port}`;
      expect(output).toContain(`Kratos v26.2.0 is listening on ${url}`);
      expect(output).toContain(`KRATOS_PUBLIC_URL=${url} npm start`);

      const post = async (kind: string, body: unknown) => {
        const flow = (await (await fetch(`${url}/self-service/${kind}/api`)).json()) as {
          ui: { action: string };
        };
        const answer = await fetch(flow.ui.action, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify(body),
        });
        return answer.status;
      };
      const email = `npm-run-kratos-${Date.now()}@example.org`;
      const password = 'a long and fine passphrase';
      expect(await post('registration', { method: 'password', traits: { email }, password })).toBe(200);
      expect(await post('recovery', { method: 'code', email })).toBe(200);
      // Registration also sends a verification email, and the courier may print it first: wait for the
      // recovery one by its template, then check its whole line.
      const printed = await waitFor(
        () => output,
        (text) => text.includes(`email to ${email}: `) && text.includes('(recovery_code_valid)'),
      );
      expect(printed).toMatch(
        new RegExp(`email to ${email.replace(/\./g, '\\.')}: .+ \\(recovery_code_valid\\) — code \\d{6}`),
      );

      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(output).toContain(`Kratos stopped; its data stays in ${dataDir}.`);
      expect(existsSync(path.join(dataDir, 'db.sqlite'))).toBe(true);
    } finally {
      child.kill('SIGKILL');
    }
  }, 120_000);
});
