/**
 * A whole account life from the terminal on the real keyring (the sandbox's gnome-keyring), against the
 * emulator (test/cli/journey.ts; test/kratos/cli.test.ts runs the same script on a real Kratos) — and the
 * desktop app's main side (AppCore over the same OsKeychain service) shares every sign-in, both ways: a running
 * app finds the terminal's sign-in at its next check, also when it was signed in itself (the newest wins).
 */
import { afterEach, expect, it } from 'vitest';
import type { AppCore } from '../../main/app/core';
import { appName } from '../../main/app/user-data';
import { OsKeychain } from '../../main/keychain/os-keychain';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { TerminalPane } from '../support/tmux';
import { runTerminalJourney } from '../cli/journey';
import { buildCli, cliBundle, cliEnvironment } from '../cli/support';
import { secretToolLookup } from './secret-service';
import { Teardown } from './teardown';
import { startAppCore } from '../support/app-core';

const teardown = new Teardown();
afterEach(() => teardown.run());

it('register, TOTP, sign out, second-factor sign-in, sessions, recovery — all from the terminal, shared with the app', async () => {
  buildCli();
  const emulator = await startTestEmulator();
  teardown.add(() => emulator.stop());
  const env = cliEnvironment({
    DBUS_SESSION_BUS_ADDRESS: process.env['DBUS_SESSION_BUS_ADDRESS'] ?? '',
    XDG_RUNTIME_DIR: process.env['XDG_RUNTIME_DIR'] ?? '',
  });
  let app: AppCore | undefined;
  let sessionBeforeRecovery: string | undefined;
  await runTerminalJourney({
    url: emulator.url,
    env,
    mailedCode: async (address, kind) =>
      emulator
        .outbox()
        .filter((mail) => mail.to === address && mail.template === `${kind}_code`)
        .at(-1)!.code,
    cleanup: (step) => teardown.add(step),
    checkpoints: {
      // The terminal's sign-in is in the keychain, and the app, started now, is signed in with it.
      registered: async () => {
        expect(await secretToolLookup(process.env, appName, emulator.url)).toMatch(/^ory_st_/);
        app = await startApp(emulator);
        expect(await app.getState()).toMatchObject({ status: 'signed-in', session: { aal: 'aal1' } });
      },
      // Signed out in the terminal: the running app notices at its next check.
      signedOut: async () => expect(await app!.retry()).toMatchObject({ status: 'signed-out' }),
      // Signed in again in the terminal: the running app, signed out, finds it at its next check.
      signedInWithSecondFactor: async () => {
        const view = await app!.retry();
        expect(view).toMatchObject({ status: 'signed-in', session: { aal: 'aal2' } });
        if (view.status === 'signed-in') sessionBeforeRecovery = view.session.id;
      },
      // Recovery in the terminal made a new session while the app was signed in with the previous one: the
      // newest sign-in wins, so the app's next check adopts the one the terminal stored.
      recovered: async () => {
        const view = await app!.retry();
        expect(view).toMatchObject({ status: 'signed-in', session: { aal: 'aal2' } });
        expect(view.status === 'signed-in' && view.session.id).not.toBe(sessionBeforeRecovery);
      },
    },
  });

  // The other way round: the app (started now, it reads the terminal's last sign-in) signs out, and the
  // terminal's next command is signed out.
  const restarted = await startApp(emulator);
  expect(await restarted.getState()).toMatchObject({ status: 'signed-in', session: { aal: 'aal2' } });
  expect(await restarted.logout()).toMatchObject({ kind: 'ok' });
  const whoami = await TerminalPane.start(`node ${cliBundle} whoami --endpoint ${emulator.url}`, { env });
  teardown.add(() => whoami.stop());
  expect(await whoami.exitStatus()).toBe(1);
  expect(await whoami.screen()).toContain('Not signed in');
  expect(await secretToolLookup(process.env, appName, emulator.url)).toBeNull();
}, 300_000);

async function startApp(emulator: TestEmulator): Promise<AppCore> {
  const keychain = await OsKeychain.open({ service: appName });
  expect(keychain.status().kind).toBe('persisted');
  const app = await startAppCore({ environmentUrl: emulator.url, keychain });
  teardown.add(() => app.stop());
  return app;
}
