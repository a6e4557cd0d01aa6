import { tmpdir } from 'node:os';

/** Refuses to run the keychain suites outside scripts/test-keychain.sh's sandbox. */
export default function assertSandbox(): void {
  const sandbox = process.env.KRATOS_KEYCHAIN_SANDBOX;
  const inside = (path: string | undefined) =>
    sandbox !== undefined && path?.startsWith(`${sandbox}/`) === true;
  if (!sandbox || !process.env.DBUS_SESSION_BUS_ADDRESS || !inside(process.env.HOME) || !inside(tmpdir())) {
    throw new Error(
      'The keychain tests need the private D-Bus + gnome-keyring sandbox: run them with `npm run test:keychain`.',
    );
  }
}
