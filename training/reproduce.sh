#!/usr/bin/env bash
# Reproduces models/foreman-tiny-en: training songs, then a warm-started run from the model it replaced.
# Usage: training/reproduce.sh WORKDIR   (the model lands in WORKDIR/run/model/)
# Training is bounded by wall-clock time (TRAIN_SECONDS), so a faster or slower machine takes more or fewer steps.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="${1:?usage: reproduce.sh WORKDIR}"
mkdir -p "$work/run"
[ -d "$work/songs" ] || "$here/make_songs.sh" "$work" 600
# the model this recipe starts from: shared/train-tiny-ctc's, as first vendored into this repository
git -C "$here" show 4e87787:models/foreman-tiny-en/model.onnx > "$work/base.onnx"
cd "$here"
OUT="$work/run" SYNTH_CACHE="$work/synth.npz" N_UTT=10000 TRAIN_SECONDS="${TRAIN_SECONDS:-7000}" BATCH_SECONDS=160 \
  WARMUP_STEPS=100 PEAK_LR=6e-4 LOG_EVERY=50 SONGS="$work/songs" STEMS="$work/stems" INIT_ONNX="$work/base.onnx" \
  /usr/bin/python3 train.py 2>&1 | tee "$work/run/train.log"
