#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine lacks for the test suites, then the npm dependencies.
# Safe to re-run: apt is skipped when every package is present, npm ci when package-lock.json is unchanged
# (scripts/npm-deps.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."

# chromium: the browser the e2e suites drive (Playwright never downloads one).
# gnome-keyring + dbus + libsecret: a real Secret Service for keytar's tests; libsecret-1-dev builds keytar;
# secret-tool, gdbus and python3-dbus let the keychain tests inspect, lock and unlock the private keyring.
# tmux: the terminal client (kratos-desktop-cli) is tested in a real terminal.
# xauth/xvfb are not needed: Chromium runs headless and the keyring needs no display.
apt_packages=(chromium tmux gnome-keyring dbus dbus-daemon libsecret-1-0 libsecret-1-dev libsecret-tools libglib2.0-bin python3-dbus build-essential python3)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "==> apt-get install ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# The Electron binary cannot be downloaded here; everything but Electron's own runtime is tested without it.
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
# npm ci when package-lock.json changed since the last install (the same step `npm start` takes).
node scripts/npm-deps.mjs
