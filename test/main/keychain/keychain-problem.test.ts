import { describe, expect, it } from 'vitest';
import type { KeychainProblem } from '../../../main/keychain/keychain-problem';
import {
  classifyKeychainError,
  explainKeychainProblem,
  keychainBackendName,
} from '../../../main/keychain/keychain-problem';

/** Node's loader attaches `code` to its errors; the helper builds one the way Node does. */
function loaderError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

/** A problem without its `detail`, per variant (a plain Omit would merge the union's variants). */
type Expected<P = KeychainProblem> = P extends unknown ? Omit<P, 'detail'> : never;
type Row = [platform: NodeJS.Platform, error: unknown, expected: Expected, source: string];

// Every message below is a real one: observed here (test/keychain reproduces the Linux rows), or quoted in
// the keytar / app issue trackers named in `source`.
const table: Row[] = [
  // --- Linux: D-Bus session ---------------------------------------------------------------------------
  [
    'linux',
    new Error('Cannot autolaunch D-Bus without X11 $DISPLAY'),
    { kind: 'no-dbus-session' },
    'GDBus, DBUS_SESSION_BUS_ADDRESS unset and no X11 (observed)',
  ],
  [
    'linux',
    new Error('Could not connect: No such file or directory'),
    { kind: 'no-dbus-session' },
    'GDBus, address points at no socket (observed)',
  ],
  [
    'linux',
    new Error('Could not connect: Connection refused'),
    { kind: 'no-dbus-session' },
    'GDBus, stale socket',
  ],
  [
    'linux',
    new Error('Unknown or unsupported transport “disabled” for address “disabled:”'),
    { kind: 'no-dbus-session' },
    'atom/node-keytar#132, shiftkey/desktop#225 (ChromeOS/WSL)',
  ],
  // --- Linux: no provider -----------------------------------------------------------------------------
  [
    'linux',
    new Error('The name org.freedesktop.secrets was not provided by any .service files'),
    { kind: 'no-secret-service' },
    'dbus-daemon without gnome-keyring/KWallet (observed; shiftkey/desktop#7)',
  ],
  [
    'freebsd',
    new Error(
      'GDBus.Error:org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.secrets was not provided by any .service files',
    ),
    { kind: 'no-secret-service' },
    'the same error with its D-Bus name prefix, on a BSD (libsecret too)',
  ],
  // --- Linux: no default collection ----------------------------------------------------------------
  [
    'linux',
    new Error('Object does not exist at path “/org/freedesktop/secrets/collection/login”'),
    { kind: 'no-default-collection' },
    'gnome-keyring started without a login keyring (observed)',
  ],
  [
    'linux',
    new Error(
      'No such interface “org.freedesktop.Secret.Collection” on object at path /org/freedesktop/secrets/collection/login',
    ),
    { kind: 'no-default-collection' },
    'VS Code settings-sync troubleshooting (KWallet without a login collection)',
  ],
  // --- Linux: locked --------------------------------------------------------------------------------
  [
    'linux',
    new Error('Cannot create an item in a locked collection'),
    { kind: 'collection-locked' },
    'libsecret when unlocking fails or the prompt is dismissed (observed; shiftkey/desktop#507)',
  ],
  [
    'linux',
    new Error('Operation was cancelled'),
    { kind: 'collection-locked' },
    'GLib G_IO_ERROR_CANCELLED text',
  ],
  // --- macOS ----------------------------------------------------------------------------------------
  [
    'darwin',
    new Error('The user name or passphrase you entered is not correct.'),
    { kind: 'macos-access-denied' },
    'errSecAuthFailed -25293 (atom/node-keytar#76, desktop/desktop#3625)',
  ],
  [
    'darwin',
    new Error('User canceled the operation.'),
    { kind: 'macos-access-denied' },
    'userCanceled -128: the access prompt was cancelled',
  ],
  [
    'darwin',
    new Error('User interaction is not allowed.'),
    { kind: 'macos-access-denied' },
    'errSecInteractionNotAllowed -25308 (vscode-pull-request-github#1900)',
  ],
  ['darwin', new Error('OSStatus -25293'), { kind: 'macos-access-denied' }, 'the bare status number'],
  ['darwin', new Error('An unknown error occurred.'), { kind: 'unknown' }, "keytar_mac.cc's fallback text"],
  // --- Windows --------------------------------------------------------------------------------------
  [
    'win32',
    new Error('A specified logon session does not exist. It may already have been terminated.'),
    { kind: 'windows-credential-error' },
    'ERROR_NO_SUCH_LOGON_SESSION 1312 over SSH / services (desktop/desktop#15600)',
  ],
  [
    'win32',
    new Error('The stub received bad data.'),
    { kind: 'windows-credential-error' },
    'RPC_X_BAD_STUB_DATA 1783, a credential blob over the size limit',
  ],
  // --- keytar could not be loaded (any platform) ---------------------------------------------------
  [
    'linux',
    loaderError(
      'libsecret-1.so.0: cannot open shared object file: No such file or directory',
      'ERR_DLOPEN_FAILED',
    ),
    { kind: 'native-module-failed', cause: 'libsecret-missing' },
    'microsoft/vscode-vsce#645, bitwarden/directory-connector#19',
  ],
  [
    'linux',
    loaderError(
      "The module '/app/node_modules/keytar/build/Release/keytar.node'\nwas compiled against a different Node.js version using\nNODE_MODULE_VERSION 64. This version of Node.js requires\nNODE_MODULE_VERSION 57. Please try re-compiling or re-installing\nthe module (for instance, using `npm rebuild` or `npm install`).",
      'ERR_DLOPEN_FAILED',
    ),
    { kind: 'native-module-failed', cause: 'abi-mismatch' },
    'atom/node-keytar#64 (built for Node, loaded in Electron)',
  ],
  [
    'win32',
    new Error('Module version mismatch. Expected 47, got 46.'),
    { kind: 'native-module-failed', cause: 'abi-mismatch' },
    'atom/node-keytar#34 (older Node wording); load failures win over the Windows rule',
  ],
  [
    'darwin',
    loaderError(
      "Cannot find module '../build/Release/keytar.node'\nRequire stack:\n- /app/node_modules/keytar/lib/keytar.js",
      'MODULE_NOT_FOUND',
    ),
    { kind: 'native-module-failed', cause: 'binary-missing' },
    'keytar installed without its build (install scripts disabled)',
  ],
  [
    'linux',
    loaderError(
      '/app/node_modules/keytar/build/Release/keytar.node: invalid ELF header',
      'ERR_DLOPEN_FAILED',
    ),
    { kind: 'native-module-failed', cause: 'other' },
    'a binary for another OS/arch',
  ],
  // --- anything else ---------------------------------------------------------------------------------
  ['linux', new Error('Something new went wrong'), { kind: 'unknown' }, 'an unrecognised message'],
  ['linux', 'a thrown string', { kind: 'unknown' }, 'a non-Error value'],
];

describe('classifyKeychainError', () => {
  it.each(table)('%s: %s → %o (%s)', (platform, error, expected) => {
    const problem = classifyKeychainError(error, platform);
    expect(problem).toMatchObject(expected);
    // The original message is kept for the log, whatever the kind.
    expect(problem.detail).toBe(error instanceof Error ? error.message : String(error));
  });

  it('covers every problem kind in the table', () => {
    const kinds = new Set(table.map(([, , expected]) => expected.kind));
    const all: KeychainProblem['kind'][] = [
      'no-dbus-session',
      'no-secret-service',
      'no-default-collection',
      'collection-locked',
      'macos-access-denied',
      'windows-credential-error',
      'native-module-failed',
      'unknown',
    ];
    expect([...kinds].sort()).toEqual([...all].sort());
  });

  it('reads the same text differently per platform (a Linux message on macOS is not a Secret Service problem)', () => {
    const error = new Error('Cannot create an item in a locked collection');
    expect(classifyKeychainError(error, 'linux').kind).toBe('collection-locked');
    expect(classifyKeychainError(error, 'darwin').kind).toBe('unknown');
    expect(classifyKeychainError(error, 'win32').kind).toBe('windows-credential-error');
  });

  it('caps very long messages', () => {
    const problem = classifyKeychainError(new Error('x'.repeat(5000)), 'linux');
    expect(problem.detail.length).toBeLessThanOrEqual(501);
  });
});

describe('explainKeychainProblem', () => {
  const problems: KeychainProblem[] = [
    { kind: 'no-dbus-session', detail: 'd' },
    { kind: 'no-secret-service', detail: 'd' },
    { kind: 'no-default-collection', detail: 'd' },
    { kind: 'collection-locked', detail: 'd' },
    { kind: 'macos-access-denied', detail: 'd' },
    { kind: 'windows-credential-error', detail: 'd' },
    { kind: 'native-module-failed', cause: 'libsecret-missing', detail: 'd' },
    { kind: 'native-module-failed', cause: 'abi-mismatch', detail: 'd' },
    { kind: 'native-module-failed', cause: 'binary-missing', detail: 'd' },
    { kind: 'native-module-failed', cause: 'other', detail: 'd' },
    { kind: 'unknown', detail: 'd' },
  ];

  it('gives every problem its own reason and hint, neither repeating what the window says once', () => {
    const texts = problems.map((problem) => explainKeychainProblem(problem, 'linux'));
    for (const { reason, hint } of texts) {
      // The window's one sentence says that the sign-in is not saved; the details say only why.
      expect(`${reason} ${hint}`).not.toMatch(/memory only|sign in again|not saved/i);
      // No bus names or environment variables in the sentence that says what is wrong.
      expect(reason).not.toMatch(/org\.freedesktop|DBUS_|libsecret\)/);
      expect(hint.length).toBeGreaterThan(20);
    }
    expect(new Set(texts.map((text) => text.reason)).size).toBe(problems.length);
    expect(new Set(texts.map((text) => text.hint)).size).toBe(problems.length);
  });

  it('names the fix the user needs', () => {
    const hint = (problem: KeychainProblem) => explainKeychainProblem(problem, 'linux').hint;
    expect(hint({ kind: 'no-secret-service', detail: '' })).toMatch(/gnome-keyring.*KWallet/);
    expect(hint({ kind: 'native-module-failed', cause: 'libsecret-missing', detail: '' })).toMatch(
      /apt install libsecret-1-0/,
    );
    expect(hint({ kind: 'collection-locked', detail: '' })).toMatch(/Unlock/);
    expect(hint({ kind: 'no-dbus-session', detail: '' })).toMatch(/dbus-run-session/);
  });

  it('a hint that asks to try again uses the words of the window\'s button, "Try the keychain again"', () => {
    const hints = problems.map((problem) => explainKeychainProblem(problem, 'linux').hint);
    for (const hint of hints) {
      expect(hint).not.toMatch(/\bRetry\b/);
      if (/again\.?$/.test(hint) && !/restart/.test(hint)) expect(hint).toMatch(/try the keychain again/);
    }
    expect(hints.filter((hint) => hint.includes('try the keychain again'))).toHaveLength(8);
  });

  it('names the keychain of the platform', () => {
    expect(keychainBackendName('darwin')).toBe('macOS Keychain');
    expect(keychainBackendName('win32')).toBe('Windows Credential Manager');
    expect(keychainBackendName('linux')).toBe('Secret Service (libsecret)');
    expect(explainKeychainProblem({ kind: 'unknown', detail: 'boom' }, 'darwin').reason).toMatch(
      /macOS Keychain returned an unexpected error \(boom\)/,
    );
  });
});
