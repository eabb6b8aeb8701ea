#!/usr/bin/env bash
# Quick start: installs what is missing, then runs the server with the bundled default model on http://localhost:8080.
# Extra arguments go to `foreman serve` (e.g. --urls http://0.0.0.0:9000).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh
args=("$@")
[ ${#args[@]} -eq 0 ] && args=(--urls "${FOREMAN_URLS:-http://localhost:8080}")
exec dotnet run --project src/Foreman -c Release -- serve "${args[@]}"
