/**
 * Private D-Bus sessions with (or without) a real gnome-keyring, for the keychain tests.
 *
 * Each session gets its own bus socket, HOME and XDG directories inside os.tmpdir() (which
 * scripts/test-keychain.sh points into a throw-away sandbox), so nothing touches the user's keyring and
 * everything is deleted afterwards. The bus uses test/keychain/session-bus.conf: no service directories,
 * so nothing is auto-activated behind the test's back.
 */
import type { ChildProcess } from 'node:child_process';
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

const busConfig = new URL('./session-bus.conf', import.meta.url).pathname;
const loginCollection = '/org/freedesktop/secrets/collection/login';

export type KeyringSetup =
  /** A bare bus: nothing owns org.freedesktop.secrets. */
  | { kind: 'none' }
  /** gnome-keyring with its login collection created and unlocked with `password`. */
  | { kind: 'unlocked'; password: string }
  /** gnome-keyring running, but no login collection exists (a fresh HOME, daemon not given a password). */
  | { kind: 'no-login-collection' };

export interface PrivateSession {
  /** The session's directory: HOME, XDG dirs and the bus socket are inside. */
  root: string;
  /** Environment for processes that should use this session (bus address, HOME, XDG dirs). */
  env: NodeJS.ProcessEnv;
  /** Directories a secret could leak into: scan these afterwards. */
  dirs: string[];
  /**
   * Starts gnome-keyring on this (already running) bus, as when the user installs or starts a Secret
   * Service provider while the app runs. `stop()` ends it too.
   */
  startKeyring(keyring: Exclude<KeyringSetup, { kind: 'none' }>): Promise<void>;
  stop(): Promise<void>;
}

/** The environment of a session rooted at `root`, for a bus at `address`. */
export function sessionEnv(root: string, address: string | undefined): NodeJS.ProcessEnv {
  const home = join(root, 'home');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    XDG_DATA_HOME: join(home, '.local/share'),
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_RUNTIME_DIR: join(root, 'run'),
    DBUS_SESSION_BUS_ADDRESS: address,
  };
  // No X11 either: GDBus would otherwise try to autolaunch a bus from $DISPLAY.
  delete env.DISPLAY;
  if (address === undefined) delete env.DBUS_SESSION_BUS_ADDRESS;
  return env;
}

/** Creates the directories of a session without starting anything (for the "no bus yet" cases). */
export async function createSessionDirs(prefix: string): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), `${prefix}-`));
  await mkdir(join(root, 'home'), { recursive: true });
  await mkdir(join(root, 'run'), { mode: 0o700 });
  return root;
}

/** Starts dbus-daemon on `unix:path=<root>/bus` and, if asked, gnome-keyring on it. */
export async function startPrivateSession(keyring: KeyringSetup, root?: string): Promise<PrivateSession> {
  const dir = root ?? (await createSessionDirs('session'));
  const children: ChildProcess[] = [];
  const stop = async () => {
    // Keyring first (it saves and exits on SIGTERM), then the bus.
    for (const child of children.reverse()) await terminate(child);
  };

  try {
    const bus = spawn(
      'dbus-daemon',
      [
        '--config-file',
        busConfig,
        '--address',
        `unix:path=${join(dir, 'bus')}`,
        '--nofork',
        '--print-address=1',
      ],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    children.push(bus);
    const address = await firstLine(bus, 'dbus-daemon');
    const env = sessionEnv(dir, address);
    const startKeyring = async (setup: Exclude<KeyringSetup, { kind: 'none' }>) => {
      // --foreground keeps the daemon our child, so stop() ends exactly the process it started.
      const args = ['--foreground', '--components=secrets'];
      if (setup.kind === 'unlocked') args.push('--unlock');
      const daemon = spawn('gnome-keyring-daemon', args, { env, stdio: ['pipe', 'ignore', 'ignore'] });
      children.push(daemon);
      // --unlock reads the login password from stdin; it creates the login collection if there is none.
      daemon.stdin?.end(setup.kind === 'unlocked' ? setup.password : '');
      await waitForSecretService(env);
    };

    if (keyring.kind !== 'none') await startKeyring(keyring);
    return { root: dir, env, dirs: [dir], startKeyring, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export async function stopAndRemove(session: PrivateSession): Promise<void> {
  await session.stop();
  await rm(session.root, { recursive: true, force: true });
}

/** Locks a collection through the Secret Service API, as the desktop's "Lock" action does. */
export async function lockCollection(env: NodeJS.ProcessEnv, collection = loginCollection): Promise<void> {
  await execFileAsync(
    'gdbus',
    [
      'call',
      '--session',
      '--dest',
      'org.freedesktop.secrets',
      '--object-path',
      '/org/freedesktop/secrets',
      '--method',
      'org.freedesktop.Secret.Service.Lock',
      `[objectpath '${collection}']`,
    ],
    { env },
  );
}

/**
 * Unlocks a collection with its password, as the user's unlock prompt would. The standard Unlock method
 * needs a prompt (a GUI); gnome-keyring's own UnlockWithMasterPassword takes the password over the
 * session's D-Bus connection, so it runs in one python3-dbus process (gdbus cannot keep a Secret Service
 * session open across calls). Debian's /usr/bin/python3 has the dbus module (python3-dbus).
 */
export async function unlockCollection(
  env: NodeJS.ProcessEnv,
  password: string,
  collection = loginCollection,
): Promise<void> {
  const script = `
import sys, dbus
bus = dbus.SessionBus()
service = bus.get_object('org.freedesktop.secrets', '/org/freedesktop/secrets')
_, session = service.OpenSession('plain', dbus.String('', variant_level=1), dbus_interface='org.freedesktop.Secret.Service')
secret = dbus.Struct((session, dbus.ByteArray(b''), dbus.ByteArray(sys.stdin.read().encode()), 'text/plain'), signature='oayays')
dbus.Interface(service, 'org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface').UnlockWithMasterPassword(dbus.ObjectPath(sys.argv[1]), secret)
`;
  const child = spawn('/usr/bin/python3', ['-c', script, collection], {
    env,
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin?.end(password);
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`unlocking ${collection} failed: ${stderr}`);
}

/** Reads an item the way any other libsecret client would (an independent check of what keytar wrote). */
export async function secretToolLookup(
  env: NodeJS.ProcessEnv,
  service: string,
  account: string,
): Promise<string | null> {
  try {
    const { stdout } = await execFileAsync(
      'secret-tool',
      ['lookup', 'service', service, 'account', account],
      { env },
    );
    return stdout;
  } catch {
    return null; // secret-tool exits 1 when there is no such item
  }
}

async function waitForSecretService(env: NodeJS.ProcessEnv): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      const { stdout } = await execFileAsync(
        'gdbus',
        [
          'call',
          '--session',
          '--dest',
          'org.freedesktop.DBus',
          '--object-path',
          '/org/freedesktop/DBus',
          '--method',
          'org.freedesktop.DBus.NameHasOwner',
          'org.freedesktop.secrets',
        ],
        { env },
      );
      if (stdout.includes('true')) return;
    } catch {
      // the bus is not answering yet
    }
    if (Date.now() > deadline)
      throw new Error('gnome-keyring did not claim org.freedesktop.secrets within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function firstLine(child: ChildProcess, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const newline = buffered.indexOf('\n');
      if (newline >= 0) resolve(buffered.slice(0, newline).trim());
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(new Error(`${name} exited with ${code} before printing its address`)),
    );
  });
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
  await exited;
  clearTimeout(timer);
}
