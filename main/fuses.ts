// The Electron fuses every packaged build flips: switches compiled into the Electron binary that no
// environment variable or command-line flag can turn back (https://www.electronjs.org/docs/latest/tutorial/fuses).
//
// Typed `Required<…>` (an idea from Element Desktop): when electron-builder learns a new fuse, this object stops
// compiling until someone decides its value, so no fuse is ever left at Electron's default by omission.
// electron-builder.yml carries the same values (electron-builder reads YAML, not TypeScript):
// test/packaging/electron-builder-config.test.ts fails when the two differ, and
// test/packaging/packaged-app.test.ts reads the fuses back out of a packaged binary.
//
// Not in this list: WasmTrapHandlers (fuse 8 in Electron ≥ 43). electron-builder 26 and @electron/fuses 1.8 cannot
// set it, so it keeps Electron's default, on: V8 then catches out-of-bounds WebAssembly memory access with signal
// handlers, which is the safe behaviour. The packaged-app test asserts that default too.
import type { Configuration } from 'electron-builder';

export type ElectronFuses = Required<NonNullable<Configuration['electronFuses']>>;

export const electronFuses: ElectronFuses = {
  // ELECTRON_RUN_AS_NODE would turn the signed app into a general-purpose Node.js any local process can script.
  runAsNode: false,
  // NODE_OPTIONS (e.g. --require) and NODE_EXTRA_CA_CERTS would let the environment inject code or trust anchors.
  enableNodeOptionsEnvironmentVariable: false,
  // --inspect and SIGUSR1 would open a debugger port into the process that holds the session token.
  enableNodeCliInspectArguments: false,
  // The app never relies on cookies (native flows carry the token in a header), but nothing Chromium stores on
  // disk should be plaintext.
  enableCookieEncryption: true,
  // Load the app only from app.asar, never from a loose `app/` folder someone dropped next to it...
  onlyLoadAppFromAsar: true,
  // ...and check app.asar against the hash recorded at build time (enforced on macOS and Windows).
  enableEmbeddedAsarIntegrityValidation: true,
  // The UI is served from the custom app:// protocol, so file:// pages need no extra privileges.
  grantFileProtocolExtraPrivileges: false,
  // Electron's default: the app ships no browser-process-specific V8 snapshot.
  loadBrowserProcessSpecificV8Snapshot: false,
  // Flipping fuses breaks the ad-hoc signature Electron ships with on macOS; re-sign ad hoc so unsigned builds (CI,
  // local `npm run dist` without a Developer ID) still launch on Apple silicon. A real identity re-signs afterwards.
  resetAdHocDarwinSignature: true,
};
