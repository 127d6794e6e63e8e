#!/usr/bin/env bash
# `npm run bench [-- NAME…]`: the benchmarks in bench/, with a throwaway PostgreSQL server for the
# PostgreSQL variants and the production build the app benchmarks start.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-system-deps.sh postgresql
bash scripts/ensure-npm-deps.sh
node scripts/ensure-build.mjs
pg_dir=.tmp/pg-bench
BENCH_DATABASE_URL=$(bash scripts/pg-throwaway.sh start "$pg_dir")
export BENCH_DATABASE_URL
trap 'bash scripts/pg-throwaway.sh stop "$pg_dir" || true' EXIT
npx tsx bench/run.ts "$@"
