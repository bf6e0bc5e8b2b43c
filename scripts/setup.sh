#!/usr/bin/env bash
# Idempotent set-up run before `npm start` and `npm test` (and by .ci/run).
# 1. dependencies: `npm ci` when node_modules is missing or older than package-lock.json;
# 2. Node.js 22: the `node` devDependency provides it under node_modules/.bin (npm scripts use it);
# 3. the third-party SAML SP and OIDC RP of the cross-check test: Debian's python3-saml and authlib;
# 4. Chromium: Debian's package, since Playwright cannot download its own browsers here.
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

# >>> third-party clients
# Third-party SSO clients for the cross-check test (mock-idps/thirdPartyClients): Debian's
# python3-saml (python3-onelogin-saml2, with xmlsec) as the SAML SP and authlib (python3-authlib,
# whose HTTP client needs python3-requests) as the OIDC RP, for Debian's /usr/bin/python3 (the
# test never uses a pyenv or venv python on PATH). Checked by importing what the test imports.
system_python=/usr/bin/python3
third_party_imports='import onelogin.saml2.auth, onelogin.saml2.idp_metadata_parser, xmlsec, requests, authlib.integrations.requests_client, authlib.jose, authlib.oidc.core'
third_party_packages="python3 python3-onelogin-saml2 python3-authlib python3-requests"
if ! { [ -x "$system_python" ] && "$system_python" -I -c "$third_party_imports" >/dev/null 2>&1; }; then
  say "installing Debian's $third_party_packages (the third-party SAML SP and OIDC RP of the cross-check test)"
  command -v apt-get >/dev/null || fail "The third-party client test needs Debian's $third_party_packages for $system_python, and this machine has no apt-get. Install python3-saml and authlib (with requests) for $system_python by other means, then run this again."
  sudo_cmd=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || fail "Missing: $third_party_packages, and this is not root. Run: sudo apt-get update && sudo apt-get install -y --no-install-recommends $third_party_packages"
    sudo_cmd=sudo
  fi
  log=$(mktemp -t sso-harness-apt.XXXXXX)
  # shellcheck disable=SC2086 # the package list is meant to split into words
  { $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get update && $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $third_party_packages; } >"$log" 2>&1 \
    || { tail -n 20 "$log" >&2; fail "installing $third_party_packages with apt-get failed (full log: $log). Install them by hand (apt-get install -y $third_party_packages), then run this again."; }
  rm -f "$log"
  "$system_python" -I -c "$third_party_imports" >/dev/null 2>&1 \
    || fail "$third_party_packages were installed, but $system_python still cannot import them: $("$system_python" -I -c "$third_party_imports" 2>&1 | tail -n 1)"
fi
# <<< third-party clients

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
