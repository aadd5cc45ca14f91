#!/usr/bin/env bash
# Runs every test project and ends with one line: "N passed, N failed, N skipped".
# Skipped tests are listed, grouped by their reason, then each failed test with the first line of its message. Exit status is non-zero if the build or a test
# failed, or if no test ran. Extra arguments go to `dotnet test` (e.g. --filter FullyQualifiedName~Elmo).
set -uo pipefail
cd "$(dirname "$0")"
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
# The same set-up as ./testbed: the Debian packages the tests use (dotnet test restores and builds by itself).
./setup.sh --packages --tests || { echo "0 passed, 1 failed, 0 skipped"; echo "test.sh: installing the Debian packages failed (see above)" >&2; exit 1; }

dotnet test Testbed.sln -c Release -nologo \
  --logger "console;verbosity=normal" --logger "trx;LogFilePrefix=run" --results-directory "$results" \
  --blame-hang-timeout 4m "$@"
status=$?

# Count from the TRX files (one per test assembly): outcome of every test, and why each skip happened.
summary=$(python3 - "$results" <<'PY'
import collections, glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
counts = collections.Counter()
reasons = collections.defaultdict(list)
failures = []
for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    for r in ET.parse(path).getroot().iterfind(".//t:UnitTestResult", ns):
        outcome = r.get("outcome")
        key = {"Passed": "passed", "Failed": "failed", "Error": "failed", "Timeout": "failed", "Aborted": "failed"}.get(outcome, "skipped")
        counts[key] += 1
        if key == "skipped":
            msg = r.find("t:Output/t:ErrorInfo/t:Message", ns)
            text = (msg.text or "").strip() if msg is not None else "(no reason given)"
            reasons[text].append(r.get("testName"))
        elif key == "failed":
            msg = r.find("t:Output/t:ErrorInfo/t:Message", ns)
            first = ((msg.text or "") if msg is not None else "").strip().splitlines()
            failures.append((r.get("testName"), first[0][:300] if first else f"({outcome}, no message)"))
for text, names in sorted(reasons.items(), key=lambda kv: -len(kv[1])):
    print(f"skipped {len(names)}: {text}", file=sys.stderr)
    for n in names[:3]:
        print(f"    e.g. {n}", file=sys.stderr)
# Failures last, so the end of a red log says which tests failed and why.
for name, first in failures:
    print(f"FAILED {name}: {first}", file=sys.stderr)
print(counts["passed"], counts["failed"], counts["skipped"])
PY
)
read -r passed failed skipped <<<"${summary:-0 0 0}"
echo
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "test.sh: dotnet test exited with status $status (a build error, a crashed or hung test host: see above)" >&2
fi
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ]; then exit 1; fi
if [ $((passed + failed + skipped)) -eq 0 ]; then echo "test.sh: no test ran" >&2; exit 1; fi
exit 0
