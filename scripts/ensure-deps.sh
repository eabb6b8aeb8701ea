#!/usr/bin/env bash
# Installs what Foreman needs beside the .NET SDK when it is missing (Debian/Ubuntu, apt-get as root or through sudo).
#   scripts/ensure-deps.sh            what the server needs: ffmpeg (audio decoding)
#   scripts/ensure-deps.sh postgres   also PostgreSQL (the multi-node queue's tests start a throwaway cluster with its initdb and pg_ctl)
#   scripts/ensure-deps.sh test       also everything else the test suite needs
set -euo pipefail

# command-or-file → Debian package
need=("ffmpeg:ffmpeg")
if [ "${1:-}" = "postgres" ] || [ "${1:-}" = "test" ]; then
  need+=("/usr/lib/postgresql/*/bin/initdb:postgresql")
fi
if [ "${1:-}" = "test" ]; then
  need+=(
    "/usr/lib/python3/dist-packages/prometheus_client:python3-prometheus-client"  # metrics checked with the reference parser
    "chromium:chromium" "chromedriver:chromium-driver"                            # dashboard tests in a real browser
    "node:nodejs" "npm:npm"                                                       # s3rver, the S3 server the input tests talk to
  )
fi

missing=()
for entry in "${need[@]}"; do
  probe=${entry%%:*} package=${entry##*:}
  # A path probe may be a glob (PostgreSQL's versioned directory).
  if [[ $probe == /* ]]; then compgen -G "$probe" >/dev/null && continue; else command -v "$probe" >/dev/null 2>&1 && continue; fi
  missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "foreman: please install: ${missing[*]} (no apt-get on this machine)" >&2
  exit 1
fi
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "foreman: installing ${missing[*]} with apt-get" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
