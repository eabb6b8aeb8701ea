#!/usr/bin/env bash
# Synthesizes training songs with make_songs.py (Foreman's copy of shared/bench/make_songs.py): training text only
# (corpus.txt without its last 2,000 lines, which are the bench songs' text) and voices that are not the bench's, and
# no Festival voice (that family is held out: make_heldout.sh). Usage: make_songs.sh OUT COUNT
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$1"; count="${2:-600}"
mkdir -p "$out"
head -n -2000 "$here/corpus.txt" > "$out/train_text.txt"
/usr/bin/python3 "$here/voices.py" > "$out/voices.txt"
/usr/bin/python3 "$here/make_songs.py" --out "$out/songs" --count "$count" --seed train-2026 \
  --voices "$(cat "$out/voices.txt")" --text "$out/train_text.txt" --text-format lines \
  --min-lines 6 --max-lines 12 --min-duration 20 --max-duration 70 \
  --intro-min 0.5 --intro-max 8 --long-intro-prob 0.15 --long-intro-range 10,15 --long-gap-prob 0.3 \
  --snr-list 20,15,10,5,0 --sung-fractions 1,1,0.75,0.5,0.25,0 --chorus-prob 0.5 --messy-prob 0 \
  --formats wav:1 --wav-max-seconds 1000 --prefix s_ --stems "$out/stems" --jobs "$(nproc)"
