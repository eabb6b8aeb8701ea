#!/usr/bin/env bash
# What a base-size wav2vec2 (95 M parameters) costs on this machine's CPU, fp32 against int8, end to end through
# `foreman align` (process start, model load, decode, windowed inference, alignment) on 4 minutes of audio.
#   training/base_size/measure.sh [WORKDIR] [REPEATS]
# Needs Debian's python3-torch and python3-onnx, ffmpeg, and the bench songs (../shared/bench/songs) for the audio.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
work=${1:-$(mktemp -d)}
repeats=${2:-3}
songs="$repo/../shared/bench/songs"
mkdir -p "$work/models"

if [ ! -f "$work/models/wav2vec2-base/model.onnx" ]; then
  /usr/bin/python3 "$here/wav2vec2_base.py" "$work/models/wav2vec2-base" 2>&1 | grep -v -i warning
fi
if [ ! -f "$work/models/wav2vec2-base-int8/model.onnx" ]; then
  mkdir -p "$work/models/wav2vec2-base-int8"
  cp "$work/models/wav2vec2-base/"*.json "$work/models/wav2vec2-base-int8/"
  /usr/bin/python3 "$here/quantize_int8.py" "$work/models/wav2vec2-base/model.onnx" "$work/models/wav2vec2-base-int8/model.onnx"
fi

# 240 s of bench songs (decoded first: the concat demuxer needs one codec) and their lyrics.
if [ ! -f "$work/four-min.wav" ]; then
  : > "$work/parts.txt"; : > "$work/four-min.txt"
  for name in dev_00 dev_01 dev_02 dev_05 dev_08 dev_14; do
    ffmpeg -nostdin -v error -y -i "$songs/$name.mp3" -ar 16000 -ac 1 "$work/$name.wav"
    echo "file '$work/$name.wav'" >> "$work/parts.txt"
    cat "$songs/$name.txt" >> "$work/four-min.txt"
  done
  ffmpeg -nostdin -v error -y -f concat -safe 0 -i "$work/parts.txt" -t 240 "$work/four-min.wav"
fi

dotnet build "$repo/src/Foreman" -c Release -v quiet -nologo >/dev/null
foreman="$repo/src/Foreman/bin/Release/net10.0/foreman"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load: $(cut -d' ' -f1-3 /proc/loadavg)"
for run in $(seq "$repeats"); do
  for model in wav2vec2-base wav2vec2-base-int8; do
    start=$(date +%s.%N)
    rss=$( { Foreman__ModelsDir="$work/models" /usr/bin/time -f "%M" "$foreman" align "$work/four-min.wav" "$work/four-min.txt" \
      --format json --output "$work/$model.json" --model "$model" 2>&1 >/dev/null; } | tail -1)
    awk -v m="$model" -v r="$run" -v s="$(date +%s.%N)" -v t="$start" -v k="$rss" \
      'BEGIN { printf "%s run %d: %.1f s for 240 s, real-time factor %.3f, peak RSS %d MB\n", m, r, s - t, (s - t) / 240, k / 1024 }'
  done
done
