#!/bin/bash
# Reward 1 when report.sh is executable, still the original script, and writes the report.
mkdir -p /logs/verifier
fail() { echo "FAIL: $*"; echo 0 > /logs/verifier/reward.txt; exit 0; }
[ -x /app/report.sh ] || fail "/app/report.sh is not executable"
grep -q '^printf .status: %s' /app/report.sh || fail "/app/report.sh was changed"
rm -f /app/report.txt
/app/report.sh || fail "/app/report.sh exited with status $?"
[ "$(cat /app/report.txt 2>/dev/null)" = "status: ok" ] || fail "/app/report.txt does not say 'status: ok'"
echo "PASS: report.sh runs and writes the report"
echo 1 > /logs/verifier/reward.txt
