#!/bin/bash
# Writes a one-line status report where report.conf says.
set -euo pipefail
source /app/report.conf
printf 'status: %s\n' "$STATUS" > "$OUTPUT"
