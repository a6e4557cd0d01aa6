#!/usr/bin/env bash
# npm run test:keychain — the OsKeychain against a REAL Secret Service (gnome-keyring over D-Bus), isolated from
# the user's own keyring. Extra arguments go to vitest (e.g. a test name filter).
#
# 1. A throw-away sandbox: HOME, the XDG dirs and TMPDIR point into it, so the gnome-keyring started here
#    keeps its keyring file there and os.tmpdir() (scanned for leaked tokens) belongs to this run only.
#    It is deleted on exit.
# 2. dbus-run-session starts a private session bus with test/keychain/session-bus.conf (no service
#    directories: nothing is auto-activated) and runs the rest on it. When it ends, the bus goes away and
#    the gnome-keyring attached to it exits.
# 3. gnome-keyring-daemon --unlock reads a password on stdin; in a fresh HOME it CREATES the "login"
#    collection with it (stored encrypted) and makes it the default. Without --unlock there is no login
#    collection and every write fails — that case is tested too.
# 4. vitest runs test/keychain/*.test.ts; some tests start more private buses (no provider, no login
#    collection, locked collection) with test/keychain/secret-service.ts.
# 5. Playwright runs the browser scenarios on the keytar-backed OsKeychain (KRATOS_DESKTOP_E2E_SECRET_STORE=
#    keychain): test/e2e/app.spec.ts (its restart reads the token back from gnome-keyring), logout.spec.ts,
#    and keychain.spec.ts (each unavailable case for real, with its own buses). The renderer and preload
#    bundles are built first when dist/ is missing or older than their sources. Extra arguments (a vitest
#    filter) do not narrow this part.
# Both runners always run; the exit status is non-zero if either failed, and the last lines say which.
# dbus-daemon may print "Failed to set fd limit ... Operation not permitted" when run as root: harmless.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
for tool in dbus-run-session dbus-daemon gnome-keyring-daemon gdbus secret-tool; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
/usr/bin/python3 -c 'import dbus' 2>/dev/null || missing+=("python3-dbus")
if ((${#missing[@]})); then
  echo "test:keychain needs: ${missing[*]}" >&2
  echo "(Debian/Ubuntu: apt install dbus-daemon gnome-keyring libglib2.0-bin libsecret-tools python3-dbus)" >&2
  exit 1
fi

built=(dist/preload/index.cjs dist/renderer/index.html)
stale=0
for output in "${built[@]}"; do
  if [[ ! -f $output ]] || [[ -n "$(find preload renderer -type f -newer "$output" -print -quit)" ]]; then stale=1; fi
done
if ((stale)); then
  echo "building the renderer and preload for the browser scenarios"
  node scripts/build.mjs preload renderer
fi

sandbox="$(mktemp -d "${TMPDIR:-/tmp}/kratos-keychain.XXXXXX")"
trap 'rm -rf "$sandbox"' EXIT
export KRATOS_KEYCHAIN_SANDBOX="$sandbox"
export HOME="$sandbox/home" TMPDIR="$sandbox/tmp" XDG_RUNTIME_DIR="$sandbox/run"
export XDG_DATA_HOME="$HOME/.local/share" XDG_CONFIG_HOME="$HOME/.config" XDG_CACHE_HOME="$HOME/.cache"
mkdir -p "$HOME" "$TMPDIR"
mkdir -m 700 "$XDG_RUNTIME_DIR"
unset DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS

dbus-run-session --config-file=test/keychain/session-bus.conf -- bash -c '
  set -uo pipefail
  # A random login password per run; the keyring file on disk is encrypted with it.
  head -c 18 /dev/urandom | base64 | tr -d "\n" | gnome-keyring-daemon --unlock --components=secrets >/dev/null ||
    exit 1
  node_modules/.bin/vitest run --config test/keychain/vitest.config.ts "$@"
  vitest_status=$?
  # Its own output folder: the later browser step of `npm test` empties test-results/.
  KRATOS_DESKTOP_E2E_SECRET_STORE=keychain node_modules/.bin/playwright test --project=e2e \
    --output=test-results-keychain test/e2e/app.spec.ts test/e2e/logout.spec.ts test/e2e/keychain.spec.ts
  e2e_status=$?
  verdict() { if (($1 == 0)); then echo passed; else echo FAILED; fi; }
  echo
  echo "keychain vitest (test/keychain):             $(verdict $vitest_status)"
  echo "keychain e2e (Playwright, keytar backend):   $(verdict $e2e_status)"
  ((vitest_status == 0 && e2e_status == 0))
' test-keychain "$@"
