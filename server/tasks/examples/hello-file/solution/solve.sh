#!/bin/bash
set -euo pipefail
printf 'Hello, Trajectory Studio!\n' > /app/hello.txt
