#!/usr/bin/env bash
# Runs the whole test suite (installing what the tests need when missing) and ends with one line:
# "N passed, N failed, N skipped". Exits non-zero on any failure, or when no test ran.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh test || exit 1

log=$(mktemp)
dotnet test foreman.sln -c Release 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

count() { grep -E "^\s+$1:\s+[0-9]+" "$log" | awk '{s += $2} END {print s + 0}'; }
total=$(count total); failed=$(count failed); passed=$(count succeeded); skipped=$(count skipped)
if [ "$failed" -gt 0 ]; then
  # CI keeps only the output's tail: repeat each failure (its name and first lines) just above the summary.
  echo "Failed tests:"
  sed 's/\x1b\[[0-9;]*m//g' "$log" | awk '
    /^failed / { shown = 0; inside = 1; print; next }
    inside && (/^(passed|skipped) / || /^\// || ++shown > 14) { inside = 0 }
    inside { print }'
fi
rm -f "$log"
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$total" -eq 0 ]; then
  echo "no tests ran" >&2
  exit 1
fi
exit "$status"
