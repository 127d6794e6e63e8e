#!/bin/bash
set -euo pipefail
chmod +x /app/report.sh
# A shell assignment takes no spaces around "=".
sed -i 's/^OUTPUT *= */OUTPUT=/' /app/report.conf
/app/report.sh
