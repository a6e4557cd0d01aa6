/**
 * Smoke test of the real Electron app (Playwright `_electron`): the window opens on app://, shows the
 * sign-in screen, and a person signs in against the emulator. Also checks that the page has no Node.
 *
 * Which Electron: `KRATOS_DESKTOP_EXECUTABLE` (a packaged app, e.g. release/linux-unpacked/kratos-desktop),
 * else the dev binary of the `electron` package running this repository (`npm run build` first).
 * Where neither exists (here the binary download is skipped: ELECTRON_SKIP_BINARY_DOWNLOAD=1) the test is
 * skipped with the reason printed. `require('electron')` is deliberately not used to find the binary: when
 * the binary is missing it tries to download it.
 *
 * Run: `npm run test:electron`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { createKratosClient } from '../../main/kratos/client';
import { startTestEmulator } from '../support/emulator';

const password = 'correct-Horse-battery-9';

type Launch = { executablePath: string; args: string[] } | { skip: string };

function findElectron(): Launch {
  const packaged = process.env['KRATOS_DESKTOP_EXECUTABLE'];
  if (packaged) {
    return existsSync(packaged)
      ? { executablePath: packaged, args: [] }
      : { skip: `KRATOS_DESKTOP_EXECUTABLE=${packaged} does not exist` };
  }
  const packageDir = path.resolve('node_modules/electron');
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return {
      skip: 'no Electron binary: node_modules/electron/path.txt is missing (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1)',
    };
  }
  const binary = path.join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(binary)) return { skip: `no Electron binary at ${binary}` };
  if (!existsSync('dist/main/index.cjs'))
    return { skip: 'dist/main/index.cjs is missing: run `npm run build` first' };
  return { executablePath: binary, args: ['.'] };
}

test('the app window opens on the sign-in screen and signs a user in', async () => {
  const launch = findElectron();
  if ('skip' in launch) console.info(`Electron smoke test skipped: ${launch.skip}`);
  test.skip('skip' in launch, 'skip' in launch ? launch.skip : '');
  if ('skip' in launch) return;

  const emulator = await startTestEmulator();
  const client = createKratosClient({ baseUrl: emulator.url });
  const email = `smoke-${Date.now()}@example.com`;
  const flow = await client.createRegistrationFlow();
  if (flow.kind !== 'success') throw new Error('registration flow');
  const registered = await client.submitRegistrationFlow(flow.body.id, {
    method: 'password',
    traits: { email },
    password,
  });
  expect(registered.kind).toBe('success');

  const app = await electron.launch({
    executablePath: launch.executablePath,
    // Chromium refuses to run as root with its OS sandbox (CI containers); the renderer sandbox stays on.
    args: [...launch.args, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
    env: {
      ...process.env,
      KRATOS_PUBLIC_URL: emulator.url,
      KRATOS_DESKTOP_USER_DATA: await mkdtemp(path.join(tmpdir(), 'kd-electron-')),
    },
  });
  try {
    const window = await app.firstWindow();
    expect(window.url()).toMatch(/^app:\/\/kratos-desktop\//);

    // No Node in the page (nodeIntegration off, context isolation on); only the preload's frozen API.
    expect(
      await window.evaluate(() => {
        const page = globalThis as unknown as Record<string, unknown>;
        return {
          require: typeof page['require'],
          process: typeof page['process'],
          kratos: Object.isFrozen(page['kratos']),
        };
      }),
    ).toEqual({ require: 'undefined', process: 'undefined', kratos: true });

    const form = window.getByTestId('flow/login');
    await expect(form).toBeVisible({ timeout: 15_000 });
    await form.getByTestId('field/identifier').fill(email);
    await form.getByTestId('field/password').fill(password);
    await form.getByTestId('field/method/password').click();
    await expect(window.getByTestId('session/aal')).toHaveText('aal1');
    await window.screenshot({ path: test.info().outputPath('electron-session.png') });
  } finally {
    await app.close();
    await client.close();
    await emulator.stop();
  }
});
