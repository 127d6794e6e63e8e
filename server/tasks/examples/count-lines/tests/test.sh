#!/bin/bash
# Reward 1 when /app/answer.txt holds the count: 3 lines in app.log (one has ERROR twice),
# 2 in db.log, 1 in worker.log; notes.txt is not a .log file and the lower-case line does not count.
mkdir -p /logs/verifier
answer=$(tr -d '[:space:]' < /app/answer.txt 2>/dev/null)
if [ "$answer" = "6" ]; then
  echo "PASS: the answer is 6"
  echo 1 > /logs/verifier/reward.txt
else
  echo "FAIL: expected 6, found '${answer}'"
  echo 0 > /logs/verifier/reward.txt
fi
