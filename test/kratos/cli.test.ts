/**
 * The terminal client's whole account life (test/cli/journey.ts) on a real Ory Kratos: two-step
 * registration as Kratos ≥ 1.3 sends it, TOTP, second-factor sign-in, sessions, recovery by the code Kratos
 * "emailed" (read from its courier). The CLI processes keep the sign-in in a private, unlocked gnome-keyring
 * on their own D-Bus (test/keychain/secret-service.ts), so nothing touches a developer's keyring.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, it } from 'vitest';
import { buildCli, cliEnvironment } from '../cli/support';
import { runTerminalJourney } from '../cli/journey';
import { startPrivateSession, stopAndRemove } from '../keychain/secret-service';
import { startRealKratos } from '../support/real-kratos';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanups.splice(0).reverse()) await step();
});

it('register (two steps), TOTP, sign out, second-factor sign-in, sessions, recovery — from the terminal, on real Kratos', async () => {
  buildCli();
  const kratos = await startRealKratos();
  cleanups.push(() => kratos.stop());
  const session = await startPrivateSession({ kind: 'unlocked', password: randomUUID() });
  cleanups.push(() => stopAndRemove(session));
  const env = cliEnvironment({
    DBUS_SESSION_BUS_ADDRESS: session.env['DBUS_SESSION_BUS_ADDRESS'] ?? '',
    XDG_RUNTIME_DIR: session.env['XDG_RUNTIME_DIR'] ?? '',
  });
  await runTerminalJourney({
    url: kratos.url,
    env,
    mailedCode: (address, kind) => kratos.latestCode(address, `${kind}_code_valid`),
    cleanup: (step) => cleanups.push(step),
  });
}, 300_000);
