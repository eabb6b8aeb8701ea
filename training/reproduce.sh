#!/usr/bin/env bash
# Reproduces models/foreman-tiny-en: training songs, MIDI backing tracks, French/Spanish/German sentences labelled by
# `foreman text normalize`, then a run warm-started from the model it replaced, grown from 12 to 20 blocks.
# Usage: training/reproduce.sh WORKDIR   (the model lands in WORKDIR/run/model/)
# Needs a Release build of the server (dotnet build -c Release: languages.py and the labels call its CLI).
# Training is bounded by wall-clock time (TRAIN_SECONDS), so a faster or slower machine takes more or fewer steps.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="${1:?usage: reproduce.sh WORKDIR}"
mkdir -p "$work/run"
[ -d "$work/songs" ] || "$here/make_songs.sh" "$work" "${SONG_COUNT:-300}"
[ -d "$work/midi" ] || /usr/bin/python3 "$here/music.py" "$work/midi" 120 > "$work/midi.log"
[ -f "$work/languages.tsv" ] || /usr/bin/python3 "$here/languages.py" "$work/languages.tsv" 4000
# the model this recipe starts from: the one shipped before it (c6978f6, itself warm-started from 4e87787's)
git -C "$here" show c6978f6:models/foreman-tiny-en/model.onnx > "$work/base.onnx"
cd "$here"
OUT="$work/run" SYNTH_CACHE="$work/synth.npz" N_UTT=10000 TRAIN_SECONDS="${TRAIN_SECONDS:-6300}" BATCH_SECONDS=160 \
  WARMUP_STEPS=100 PEAK_LR="${PEAK_LR:-4e-4}" LOG_EVERY=50 SONGS="$work/songs" STEMS="$work/stems" \
  MIDI="$work/midi" LANG_TSV="$work/languages.tsv" INIT_ONNX="$work/base.onnx" \
  /usr/bin/python3 train.py 2>&1 | tee "$work/run/train.log"
