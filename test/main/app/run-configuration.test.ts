/**
 * What the window and the terminal client learn at start (main/app/run-configuration.ts, the one function
 * both call): the environment's server and passkey page, the operator's configuration in the dist/ folder
 * they run from, and which setting passkey buttons name on a server without a page.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { readRunConfiguration } from '../../../main/app/run-configuration';

const emptyDist = () => mkdtemp(path.join(tmpdir(), 'kd-run-configuration-'));

async function distWith(operator: unknown): Promise<string> {
  const dir = await emptyDist();
  await writeFile(path.join(dir, 'operator.json'), JSON.stringify(operator));
  return dir;
}

const operator = {
  kratosPublicUrl: 'https://login.example.com',
  allowServerChange: true,
  passkeyPageUrl: 'https://login.example.com/passkey',
};

it('a development run: the server and the page from the environment, which passkey buttons then name', async () => {
  expect(
    await readRunConfiguration({
      distDir: await emptyDist(),
      env: {
        KRATOS_PUBLIC_URL: 'http://127.0.0.1:4433',
        KRATOS_PASSKEY_PAGE_URL: 'http://localhost:4433/passkey',
      },
      installed: false,
    }),
  ).toEqual({
    configuration: {
      environmentUrl: 'http://127.0.0.1:4433',
      passkeyPageUrl: 'http://localhost:4433/passkey',
      passkeySetup: 'environment',
    },
  });
});

it("the operator's configuration beside the program: its server and page, and its setting named", async () => {
  const { configuration } = await readRunConfiguration({
    distDir: await distWith(operator),
    env: {},
    installed: false,
  });
  expect(configuration).toMatchObject({
    operator: { kratosPublicUrl: 'https://login.example.com', passkeyPageUrl: operator.passkeyPageUrl },
    passkeySetup: 'package',
  });
});

it("an installed app names its operator's setting even when built without a configuration", async () => {
  const { configuration } = await readRunConfiguration({
    distDir: await emptyDist(),
    env: {},
    installed: true,
  });
  expect(configuration).toEqual({
    environmentUrl: undefined,
    passkeyPageUrl: undefined,
    passkeySetup: 'package',
  });
});

it('a configuration that does not pass is ignored, with its problems for the caller to report', async () => {
  const result = await readRunConfiguration({
    distDir: await distWith({ ...operator, passkeyPageUrl: 'http://login.example.com/passkey' }),
    env: {},
    installed: false,
  });
  expect(result.configuration).not.toHaveProperty('operator');
  expect(result.configuration.passkeySetup).toBe('environment');
  expect(result.ignored).toEqual([
    'passkeyPageUrl: "http://login.example.com/passkey" must be an https URL without credentials (plain http only on this computer: localhost, 127.0.0.1, [::1])',
  ]);
});
