#!/bin/bash
# Reward 1 when /app/hello.txt holds exactly the expected line (a final newline is optional).
mkdir -p /logs/verifier
if [ -f /app/hello.txt ] && [ "$(cat /app/hello.txt)" = "Hello, Trajectory Studio!" ]; then
  echo "PASS: /app/hello.txt has the expected content"
  echo 1 > /logs/verifier/reward.txt
else
  echo "FAIL: /app/hello.txt is missing or has other content"
  echo 0 > /logs/verifier/reward.txt
fi
