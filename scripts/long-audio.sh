#!/usr/bin/env bash
# Builds one hour of audio from the bench songs and aligns it once with `foreman align`, under /usr/bin/time -v.
#   scripts/long-audio.sh [SONGS_DIR] [WORK_DIR] [LYRICS_COPIES]
# Whole songs are joined in order, round and round, until they last at least 3,600 s, and encoded as a 44.1 kHz stereo
# 192 kb/s MP3, so decoding costs what a real upload would. The lyrics are the joined songs' lyrics, written
# LYRICS_COPIES times over (default 2: about 8,200 words, the density of speech rather than song; 1 gives lyrics
# that match the audio, about 4,100 words). Nothing is written inside the repository.
set -euo pipefail

songs=${1:-../shared/bench/songs}
work=${2:-/tmp/foreman-long-audio}
copies=${3:-2}
seconds=3600
foreman=${FOREMAN:-src/Foreman/bin/Release/net10.0/foreman}

mkdir -p "$work/parts"
audio="$work/hour.mp3"
lyrics="$work/hour-x$copies.txt"

if [[ ! -f $audio ]]; then
  : >"$work/list.txt"
  : >"$work/hour-lyrics.txt"
  total=0
  # Every song decoded to the same 16 kHz mono PCM, so the concat demuxer joins them without re-encoding.
  while ((total < seconds)); do
    for json in "$songs"/dev_*.json; do
      name=$(basename "$json" .json)
      part="$work/parts/$name.wav"
      source=$(ls "$songs/$name".* | grep -v -e '\.json$' -e '\.txt$' | head -1)
      [[ -f $part ]] || ffmpeg -nostdin -hide_banner -loglevel error -i "$source" -ac 1 -ar 16000 -c:a pcm_s16le "$part"
      echo "file '$part'" >>"$work/list.txt"
      cat "$songs/$name.txt" >>"$work/hour-lyrics.txt"
      total=$((total + $(ffprobe -v error -show_entries format=duration -of csv=p=0 "$part" | cut -d. -f1)))
      ((total < seconds)) || break
    done
  done
  ffmpeg -nostdin -hide_banner -loglevel error -f concat -safe 0 -i "$work/list.txt" \
    -ac 2 -ar 44100 -c:a libmp3lame -b:a 192k "$audio"
fi

: >"$lyrics"
for ((i = 0; i < copies; i++)); do cat "$work/hour-lyrics.txt" >>"$lyrics"; done
echo "audio: $audio ($(ffprobe -v error -show_entries format=duration -of csv=p=0 "$audio") s)"
echo "lyrics: $lyrics ($(wc -w <"$lyrics") words, $(grep -c . "$lyrics") lines)"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -v "$foreman" align "$audio" "$lyrics" --format json -o "$work/hour-x$copies.json" 2>"$work/time-x$copies.txt" || {
  cat "$work/time-x$copies.txt"
  exit 1
}
grep -E 'Elapsed|Maximum resident|User time|System time' "$work/time-x$copies.txt"
