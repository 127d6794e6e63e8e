#!/usr/bin/env bash
# The whole test suite, from a fresh Debian machine or a warm checkout:
#   system packages → a Docker engine and the base image → npm packages → a throwaway PostgreSQL
#   → typecheck → lint → unit + integration tests on PGlite and PostgreSQL (and against the Docker
#   engine) → production build → end-to-end in Chromium.
# Installs are skipped when already done. Ends with one summary line: "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
mkdir -p .tmp

step "System packages (chromium, postgresql, docker)"
bash scripts/ensure-system-deps.sh chromium postgresql docker

step "Docker engine and the base image the example tasks use"
bash scripts/ensure-docker.sh
bash scripts/ensure-base-image.sh
# The rollout tests skip without an engine on a developer's machine; here one was just started.
export TRAJSTUDIO_REQUIRE_DOCKER=1

step "npm packages"
bash scripts/ensure-npm-deps.sh

step "PostgreSQL for the integration suite"
pg_dir=.tmp/pg-test
TEST_DATABASE_URL=$(bash scripts/pg-throwaway.sh start "$pg_dir")
export TEST_DATABASE_URL
trap 'bash scripts/pg-throwaway.sh stop "$pg_dir" || true' EXIT
echo "$TEST_DATABASE_URL"

step "Typecheck"
npx tsc --noEmit

step "Lint"
npx eslint . --max-warnings 0

step "Unit and integration tests (PGlite and PostgreSQL)"
rm -f .tmp/vitest.json .tmp/playwright.json
npx vitest run --reporter=default --reporter=json --outputFile.json=.tmp/vitest.json

step "Production build"
npx next build

step "End-to-end tests (Chromium)"
PLAYWRIGHT_JSON_OUTPUT_NAME=.tmp/playwright.json npx playwright test --reporter=list,json

node scripts/test-summary.mjs .tmp/vitest.json .tmp/playwright.json
