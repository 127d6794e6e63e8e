#!/usr/bin/env bash
# Installs the npm packages with `npm ci` when node_modules is missing or older than
# package-lock.json; otherwise does nothing. npm rewrites node_modules/.package-lock.json on every
# install, so its age tells whether the tree matches the lockfile, whoever installed it.
set -euo pipefail
cd "$(dirname "$0")/.."

installed=node_modules/.package-lock.json
if [[ -f $installed && ! package-lock.json -nt $installed ]]; then
  exit 0
fi
echo "Installing npm packages (npm ci)…" >&2
# Playwright drives Debian's /usr/bin/chromium; it must never download a browser of its own.
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund >&2
