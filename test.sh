#!/usr/bin/env bash
# Runs every test project and ends with one line: "N passed, N failed, N skipped".
# Exit status: non-zero if a test failed, the build failed, or no test ran.
set -uo pipefail
cd "$(dirname "$0")"
log=$(mktemp)
trap 'rm -f "$log"' EXIT

dotnet test Testbed.sln -c Release -nologo \
  --logger "console;verbosity=normal" \
  --blame-hang-timeout 4m "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# With normal verbosity each test assembly ends with a block "Total tests: N / Passed: N / Failed: N / Skipped: N".
count() { grep -E "^ +$1: +[0-9]+ *$" "$log" | awk '{s+=$2} END {print s+0}'; }
passed=$(count Passed); failed=$(count Failed); skipped=$(count Skipped)
echo
echo "Skipped tests and why:"
grep -E '^ +Skipped [^:]' "$log" -A2 | grep -vE '^--$|Standard Output' | sed 's/^/  /' | head -150 || true
echo
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ]; then exit 1; fi
if [ $((passed + failed + skipped)) -eq 0 ]; then echo "test.sh: no test ran" >&2; exit 1; fi
exit 0
