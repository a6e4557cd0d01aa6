/**
 * Why the OS keychain cannot be used, as a typed value, and the words the user reads about it.
 *
 * keytar only gives error *messages* (libsecret's GError text on Linux, the Security framework's text on
 * macOS, FormatMessage text on Windows), so classification matches the real messages those libraries
 * produce. Each pattern below names where its text comes from; the table test in
 * test/main/keychain/keychain-problem.test.ts feeds every one of them, and test/keychain reproduces the Linux
 * ones for real.
 */
import { errorText } from '../../shared/error-text';
import { text } from '../strings';

type NativeModuleFailure =
  /** `libsecret-1.so.0: cannot open shared object file` — keytar's Linux dependency is not installed. */
  | 'libsecret-missing'
  /** keytar.node was built for another Node/Electron ABI (`NODE_MODULE_VERSION x ... requires y`). */
  | 'abi-mismatch'
  /** keytar or its keytar.node binary is not there at all. */
  | 'binary-missing'
  | 'other';

export type KeychainProblem =
  /** Linux: no D-Bus session bus to talk to (DBUS_SESSION_BUS_ADDRESS unset, or nothing listening). */
  | { kind: 'no-dbus-session'; detail: string }
  /** Linux: a D-Bus session, but nothing owns `org.freedesktop.secrets` (no gnome-keyring / KWallet). */
  | { kind: 'no-secret-service'; detail: string }
  /** Linux: the provider runs but has no default ("login") collection to create items in. */
  | { kind: 'no-default-collection'; detail: string }
  /** Linux: the collection is locked and was not unlocked (prompt dismissed or impossible). */
  | { kind: 'collection-locked'; detail: string }
  /** macOS: the login keychain refused access (locked, wrong password, user cancelled the prompt). */
  | { kind: 'macos-access-denied'; detail: string }
  /** Windows: Credential Manager refused the operation (e.g. no interactive logon session). */
  | { kind: 'windows-credential-error'; detail: string }
  /** keytar itself could not be loaded; nothing reached the OS keychain. */
  | { kind: 'native-module-failed'; cause: NativeModuleFailure; detail: string }
  | { kind: 'unknown'; detail: string };

export type KeychainProblemKind = KeychainProblem['kind'];

/** The longest error text kept in `detail`; OS messages are short, anything longer is not worth showing. */
const maxDetailLength = 500;

function detailOf(error: unknown): string {
  const text = errorText(error);
  return text.length > maxDetailLength ? `${text.slice(0, maxDetailLength)}…` : text;
}

export function errorCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
}

/** Node's loader errors, on every platform (thrown by `require`/`import` of keytar). */
function nativeModuleFailure(error: unknown, message: string): NativeModuleFailure | null {
  if (/libsecret-1\.so(\.\d+)*: cannot open shared object file/.test(message)) return 'libsecret-missing';
  if (/NODE_MODULE_VERSION|Module version mismatch|Module did not self-register/.test(message)) {
    return 'abi-mismatch';
  }
  if (errorCode(error) === 'MODULE_NOT_FOUND' || /Cannot find module .*keytar/.test(message)) {
    return 'binary-missing';
  }
  if (
    errorCode(error) === 'ERR_DLOPEN_FAILED' ||
    /invalid ELF header|wrong ELF class|is not a valid Win32 application|slice is not valid mach-o/.test(
      message,
    )
  ) {
    return 'other';
  }
  return null;
}

/** libsecret / GDBus / gnome-keyring messages (Linux and the BSDs). */
const secretServicePatterns: [
  RegExp,
  'no-dbus-session' | 'no-secret-service' | 'no-default-collection' | 'collection-locked',
][] = [
  // dbus-daemon's answer when no .service file provides the name: nothing implements the Secret Service.
  [
    /org\.freedesktop\.secrets was not provided by any \.service files|DBus\.Error\.ServiceUnknown/,
    'no-secret-service',
  ],
  // GDBus: DBUS_SESSION_BUS_ADDRESS unset and no X11 to autolaunch from; or an address nobody listens on;
  // or the "disabled:" address some sandboxes (ChromeOS, WSL) export.
  [
    /Cannot autolaunch D-Bus without X11|Could not connect: |Unknown or unsupported transport|Unable to autolaunch a dbus-daemon|dbus-launch/,
    'no-dbus-session',
  ],
  // gnome-keyring: no "login" collection behind the default alias (and KWallet/KeePassXC setups without one).
  [
    /Object does not exist at path .*\/org\/freedesktop\/secrets\/(collection|aliases)\/|No such object path .*\/org\/freedesktop\/secrets\/aliases\/default|No such interface .*org\.freedesktop\.Secret\.Collection/,
    'no-default-collection',
  ],
  // libsecret when the unlock prompt is dismissed or cannot be shown; GLib's text for a cancelled operation.
  [/Cannot create an item in a locked collection|locked object|Operation was cancelled/, 'collection-locked'],
];

/** Security framework texts (SecCopyErrorMessageString) and their OSStatus numbers. */
const macosAccessDenied =
  /The user name or passphrase you entered is not correct|errSecAuthFailed|-25293|User canceled the operation|userCanceled|-128\b|User interaction is not allowed|errSecInteractionNotAllowed|-25308/;

/** Pure: which problem an error from loading keytar or from a keytar call means on `platform`. */
export function classifyKeychainError(error: unknown, platform: NodeJS.Platform): KeychainProblem {
  const detail = detailOf(error);

  const moduleFailure = nativeModuleFailure(error, detail);
  if (moduleFailure) return { kind: 'native-module-failed', cause: moduleFailure, detail };

  switch (platform) {
    case 'win32':
      // keytar_win.cc turns every Cred* failure into FormatMessage text; "not found" is already `null`.
      return { kind: 'windows-credential-error', detail };
    case 'darwin':
      return macosAccessDenied.test(detail)
        ? { kind: 'macos-access-denied', detail }
        : { kind: 'unknown', detail };
    default: {
      const match = secretServicePatterns.find(([pattern]) => pattern.test(detail));
      return match ? { kind: match[1], detail } : { kind: 'unknown', detail };
    }
  }
}

/** The name the UI shows for the keychain keytar uses on `platform`. */
export function keychainBackendName(platform: NodeJS.Platform): string {
  const { backends } = text.keychain;
  return platform === 'darwin' || platform === 'win32' ? backends[platform] : backends.other;
}

/**
 * Pure: the human text for a problem — what is wrong, and what the user can do about it. What it means for
 * the person (signing in again after a restart) is the window's one sentence, so it is not repeated here;
 * a hint that ends in trying again says so in the words of the window's button ("Try the keychain again").
 */
export function explainKeychainProblem(
  problem: KeychainProblem,
  platform: NodeJS.Platform,
): { reason: string; hint: string } {
  const words = text.keychain;
  switch (problem.kind) {
    case 'no-dbus-session':
      return words.noDbus;
    case 'no-secret-service':
      return words.noSecretService;
    case 'no-default-collection':
      return words.noDefaultCollection;
    case 'collection-locked':
      return words.locked;
    case 'macos-access-denied':
      return words.macosDenied;
    case 'windows-credential-error':
      return words.windows(problem.detail);
    case 'native-module-failed':
      return words.module[problem.cause];
    case 'unknown':
      // On Linux the backend's name (Secret Service, libsecret) means nothing to most people.
      return words.unknown(
        platform === 'darwin' || platform === 'win32' ? keychainBackendName(platform) : words.systemKeyring,
        problem.detail,
      );
  }
}
