#!/usr/bin/env bash
# Makes sure a Chromium is there before a run: JANS_BROWSER_PATH, Playwright's own download, or the
# system's. Headless runs are fastest on Chromium's headless shell, so when none is present this
# installs Debian's chromium-headless-shell (as root, where apt-get works), else Playwright's
# download; a full Chromium that is already installed still works. Says what it does; one sentence
# when it cannot.
set -euo pipefail

[ -n "${JANS_BROWSER_PATH:-}" ] && exit 0
PW_DIR="${PLAYWRIGHT_BROWSERS_PATH:-$HOME/.cache/ms-playwright}"
ls -d "$PW_DIR"/chromium-* "$PW_DIR"/chromium_headless_shell-* >/dev/null 2>&1 && exit 0
[ -x /usr/bin/chromium-headless-shell ] && exit 0

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
  echo "No Chromium headless shell found: installing Debian's chromium-headless-shell package."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-headless-shell >/dev/null && exit 0
fi
for candidate in /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
  if [ -x "$candidate" ]; then
    echo "Using $candidate; runs take about twice as long as with chromium-headless-shell (see README, Speed)."
    exit 0
  fi
done
echo "No Chromium found: trying Playwright's download (npx playwright install chromium)."
timeout 300 npx --no-install playwright install chromium && exit 0
echo "No Chromium could be installed: install your distribution's chromium-headless-shell or chromium, run 'npx playwright install chromium' where downloads work, or set JANS_BROWSER_PATH." >&2
exit 1
