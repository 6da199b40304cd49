#!/usr/bin/env bash
# Makes sure a Chromium is there before a run: JANS_BROWSER_PATH, Playwright's own download, or the
# system's. When none is, installs one: Debian's chromium (as root, where apt-get works), else
# Playwright's download. Says what it does; one sentence when it cannot.
set -euo pipefail

[ -n "${JANS_BROWSER_PATH:-}" ] && exit 0
ls "${PLAYWRIGHT_BROWSERS_PATH:-$HOME/.cache/ms-playwright}"/chromium-* >/dev/null 2>&1 && exit 0
for candidate in /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
  [ -x "$candidate" ] && exit 0
done

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
  echo "No Chromium found: installing Debian's chromium package."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null && exit 0
fi
echo "No Chromium found: trying Playwright's download (npx playwright install chromium)."
timeout 300 npx --no-install playwright install chromium && exit 0
echo "No Chromium could be installed: install your distribution's chromium, run 'npx playwright install chromium' where downloads work, or set JANS_BROWSER_PATH." >&2
exit 1
