#!/usr/bin/env bash
# Synthetic songs by a voice family the shipped model never heard in training: Festival's voices (kal and ked diphones,
# slt through HTS), sung and spoken over the same backing as the public bench, on the bench's text (the last 2,000
# lines of corpus.txt, never trained on). Measure a model on them with `foreman-bench songs OUT`.
# Usage: make_heldout.sh OUT [COUNT]   (needs festival festvox-kallpc16k festvox-kdlpc16k festvox-us-slt-hts sox ffmpeg)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$1"; count="${2:-24}"
mkdir -p "$out"
/usr/bin/python3 "$here/make_songs.py" --out "$out" --count "$count" --seed heldout-festival-2026 \
  --voices festival:kal_diphone,festival:ked_diphone,festival:cmu_us_slt_arctic_hts \
  --text "$here/corpus.txt" --text-tail 2000 --text-format lines \
  --min-lines 6 --max-lines 12 --min-duration 20 --max-duration 70 \
  --intro-min 0.5 --intro-max 8 --long-intro-prob 0.1 --long-intro-range 10,15 \
  --snr-list none,15,10,5,0 --sung-fractions 1,1,0.75,0.5,0.25,0 --chorus-prob 0.5 --messy-prob 0.7 \
  --formats mp3:5,ogg:5,flac:1,wav:1 --wav-max-seconds 25 --prefix heldout_ --jobs "$(nproc)" --force
