#!/usr/bin/env bash
# Every figure issue 16 asks of a model, for a candidate beside the bundled model, in one run: real songs (engine and
# plain Viterbi, line-confidence AUC), the public bench per SNR group, songs by the held-out Festival family, French /
# Spanish / German synthetic songs, and the end-to-end real-time factor of `foreman align` with process start.
# Usage: training/evaluate.sh CANDIDATE_MODEL_DIR OUT   (e.g. /tmp/ftrain/run/model /tmp/eval)
# Needs a Release build (dotnet build -c Release) and ../shared beside the checkout; the held-out and language songs
# are made once under OUT (training/make_heldout.sh, training/make_language_songs.sh).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
candidate="$(realpath "${1:?usage: evaluate.sh CANDIDATE_MODEL_DIR OUT}")"
out="$(realpath -m "${2:?usage: evaluate.sh CANDIDATE_MODEL_DIR OUT}")"
shared="$root/../shared"
bench="$root/bench/Foreman.Bench/bin/Release/net10.0/foreman-bench"
foreman="$root/src/Foreman/bin/Release/net10.0/foreman"
mkdir -p "$out/models"
rm -rf "$out/models/candidate" "$out/models/bundled"
cp -r "$candidate" "$out/models/candidate"
cp -r "$root/models/foreman-tiny-en" "$out/models/bundled"
export Foreman__ModelsDir="$out/models"

[ -d "$out/heldout" ] || "$here/make_heldout.sh" "$out/heldout" > "$out/heldout.log" 2>&1
[ -d "$out/languages/fr" ] || "$here/make_language_songs.sh" "$out/languages" > "$out/languages.log" 2>&1

echo "== real songs"
"$bench" real "$shared/real-songs" --model candidate --baseline bundled | tee "$out/real.txt"
for model in candidate bundled; do
  echo "== public bench, $model"
  "$bench" songs "$shared/bench/songs" --model "$model" | tee "$out/bench-$model.txt"
  echo "== held-out Festival voices, $model"
  "$bench" songs "$out/heldout" --model "$model" | tee "$out/heldout-$model.txt"
  for language in fr es de; do
    echo "== $language songs, $model"
    "$bench" songs "$out/languages/$language" --model "$model" | tee "$out/$language-$model.txt"
  done
done

# Five bench songs joined into one 44.1 kHz stereo MP3, aligned end to end with process start and model load.
if [ ! -f "$out/five.mp3" ]; then
  songs=(dev_00 dev_01 dev_02 dev_03 dev_04)
  inputs=(); filter=""
  for i in "${!songs[@]}"; do
    inputs+=(-i "$(ls "$shared/bench/songs/${songs[$i]}".* | grep -v -E '\.(json|txt)$')")
    filter+="[$i:a]"
  done
  for song in "${songs[@]}"; do grep -v '^\[' "$shared/bench/songs/$song.txt"; done > "$out/five.txt"
  ffmpeg -nostdin -loglevel error -y "${inputs[@]}" -filter_complex "${filter}concat=n=${#songs[@]}:v=0:a=1" \
    -ar 44100 -ac 2 -b:a 192k "$out/five.mp3"
fi
duration="$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$out/five.mp3")"
for model in candidate bundled; do
  for run in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$out/time.txt" "$foreman" align "$out/five.mp3" "$out/five.txt" --format json \
      --output "$out/five-$model.json" --model "$model" > /dev/null 2> "$out/align-$model.log"
    read -r wall rss < "$out/time.txt"
    echo "end to end, $model, run $run: ${wall} s wall for ${duration} s (real-time factor $(echo "$wall / $duration" | bc -l | cut -c1-6)), peak RSS $((rss / 1024)) MiB"
  done
done | tee "$out/speed.txt"
