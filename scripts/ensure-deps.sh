#!/usr/bin/env bash
# Installs what Foreman needs beside the .NET SDK when it is missing: ffmpeg (audio decoding), and with the argument
# "postgres" also PostgreSQL (the multi-node queue's tests start a throwaway cluster with its initdb and pg_ctl).
# Debian/Ubuntu: uses apt-get (as root, or through sudo).
set -euo pipefail

missing=()
command -v ffmpeg >/dev/null 2>&1 || missing+=(ffmpeg)
if [ "${1:-}" = postgres ] && ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then missing+=(postgresql); fi
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
