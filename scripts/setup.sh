#!/usr/bin/env bash
# Idempotent set-up run before `npm start` and `npm test` (and by .ci/run).
# 1. dependencies: `npm ci` when node_modules is missing or older than package-lock.json;
# 2. Node.js 22: the `node` devDependency provides it under node_modules/.bin (npm scripts use it);
# 3. Chromium: Debian's package, since Playwright cannot download its own browsers here.
# Every step says what it does; nothing is done when nothing is stale.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'setup: %s\n' "$*" >&2; }
fail() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

command -v npm >/dev/null || fail "npm is not installed. Install Node.js (any version >= 18) with npm, then run this again."

# npm writes node_modules/.package-lock.json after every install: older than the lock file
# means stale. A fresh clone gets `npm ci`; a stale tree gets an incremental `npm install`.
hidden=node_modules/.package-lock.json
if [ ! -x node_modules/.bin/node ] || [ ! -f "$hidden" ]; then
  say "installing dependencies (npm ci): node_modules is missing"
  npm ci --no-audit --no-fund --loglevel=error >&2 || fail "npm ci failed (see above). Check that the npm registry is reachable, then run this again."
elif [ package-lock.json -nt "$hidden" ] || [ package.json -nt "$hidden" ]; then
  say "updating dependencies (npm install): package.json or package-lock.json changed since the last install"
  npm install --no-audit --no-fund --loglevel=error >&2 || fail "npm install failed (see above). Check that the npm registry is reachable, then run this again."
  touch "$hidden"
fi

node22=node_modules/.bin/node
ver=$("$node22" -p 'process.versions.node' 2>/dev/null || true)
case "$ver" in
  2[2-9].*|[3-9][0-9].*) ;;
  *) fail "node_modules/.bin/node reports '${ver:-nothing}', expected Node.js 22 or later. Delete node_modules and run this again (the 'node' devDependency needs its install script, approved in package.json allowScripts)." ;;
esac

# Headless runs use chromium-headless-shell (far less CPU per page); --headed runs use chromium.
# SSO_HARNESS_CHROMIUM, when set, is the one binary for every run and nothing is installed.
if [ -n "${SSO_HARNESS_CHROMIUM:-}" ]; then
  [ -x "$SSO_HARNESS_CHROMIUM" ] || fail "SSO_HARNESS_CHROMIUM is set to $SSO_HARNESS_CHROMIUM, which is not an executable file. Point it at a Chromium binary, or unset it to use Debian's chromium."
  exit 0
fi
missing=""
[ -x /usr/bin/chromium ] || missing="$missing chromium"
[ -x "${SSO_HARNESS_HEADLESS_SHELL:-/usr/bin/chromium-headless-shell}" ] || missing="$missing chromium-headless-shell"
if [ -n "$missing" ]; then
  say "installing Debian's$missing (Playwright cannot download its own browsers on this network)"
  sudo_cmd=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || fail "Missing:$missing, and this is not root. Run: sudo apt-get update && sudo apt-get install -y chromium chromium-headless-shell"
    sudo_cmd=sudo
  fi
  export DEBIAN_FRONTEND=noninteractive
  log=$(mktemp -t sso-harness-apt.XXXXXX)
  # Both come from one source package: installing them together keeps their versions equal.
  { $sudo_cmd apt-get update && $sudo_cmd apt-get install -y --no-install-recommends chromium chromium-headless-shell fonts-liberation; } >"$log" 2>&1 \
    || { tail -n 20 "$log" >&2; fail "installing$missing with apt-get failed (full log: $log). Install by hand (apt-get install -y chromium chromium-headless-shell) or set SSO_HARNESS_CHROMIUM to a Chromium binary."; }
  rm -f "$log"
  [ -x /usr/bin/chromium ] || fail "chromium was installed but /usr/bin/chromium does not exist; set SSO_HARNESS_CHROMIUM to a Chromium binary."
  [ -x "${SSO_HARNESS_HEADLESS_SHELL:-/usr/bin/chromium-headless-shell}" ] || fail "chromium-headless-shell was installed but ${SSO_HARNESS_HEADLESS_SHELL:-/usr/bin/chromium-headless-shell} does not exist; set SSO_HARNESS_HEADLESS_SHELL to its path."
fi
exit 0
