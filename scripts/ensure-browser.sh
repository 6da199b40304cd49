#!/usr/bin/env bash
# Makes sure a Chromium is there before a run: JANS_BROWSER_PATH, Playwright's own download, or the
# system's. Headless runs are fastest on Chromium's headless shell, so when none is present this
# installs Debian's chromium-headless-shell (as root, where apt-get works), else Playwright's
# download; a full Chromium that is already installed still works. Before it installs anything it
# says what, roughly how big, and how not to; one sentence when it cannot.
set -euo pipefail

# Self-test only (tests/harness/ensure-browser.spec.ts): where the system's browsers are looked for,
# so that the install path can be reached on a machine that has one. Honoured only under the
# self-test runner's marker, like every self-test knob (fixtures/environment.ts).
ROOT=""
[ "${JANS_SELF_TEST:-}" = 1 ] && ROOT="${JANS_SELFTEST_SYSTEM_ROOT:-}"

[ -n "${JANS_BROWSER_PATH:-}" ] && exit 0
PW_DIR="${PLAYWRIGHT_BROWSERS_PATH:-$HOME/.cache/ms-playwright}"
ls -d "$PW_DIR"/chromium-* "$PW_DIR"/chromium_headless_shell-* >/dev/null 2>&1 && exit 0
[ -x "$ROOT/usr/bin/chromium-headless-shell" ] && exit 0

AVOID="To avoid it, stop now (Ctrl-C) and set JANS_BROWSER_PATH to a Chromium you have, or install one yourself (apt-get install chromium-headless-shell, or npx playwright install chromium)."

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
  echo "No Chromium headless shell found: installing Debian's chromium-headless-shell package with apt-get (apt-get update, then apt-get install chromium-headless-shell, which brings chromium-common and the libraries they need: about 100 MB to download and 300 MB on disk, more on a system without graphics libraries)."
  echo "$AVOID"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-headless-shell >/dev/null && exit 0
fi
for candidate in "$ROOT/usr/bin/chromium" "$ROOT/usr/bin/chromium-browser" "$ROOT/usr/bin/google-chrome"; do
  if [ -x "$candidate" ]; then
    echo "Using $candidate; runs take about twice as long as with chromium-headless-shell (see README, Speed)."
    exit 0
  fi
done
echo "No Chromium found: trying Playwright's download (npx playwright install chromium: Chromium and its headless shell into $PW_DIR, a few hundred MB)."
echo "$AVOID"
timeout 300 npx --no-install playwright install chromium && exit 0
echo "No Chromium could be installed: install your distribution's chromium-headless-shell or chromium, run 'npx playwright install chromium' where downloads work, or set JANS_BROWSER_PATH." >&2
exit 1
