#!/usr/bin/env bash
# Synthetic songs in French, Spanish and German (espeak-ng's voices of each language, with variants), on sentences
# training never uses (languages.py's after the first 4,000 of each language), one folder per language. Measure a
# model on them with `foreman-bench songs OUT/fr` (and es, de). Usage: make_language_songs.sh OUT [COUNT]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$1"; count="${2:-8}"
mkdir -p "$out"
/usr/bin/python3 "$here/languages.py" "$out/sentences.tsv" 1000 4000
for language in fr es de; do
  awk -F'\t' -v l="$language" '$1 == l { print $2 }' "$out/sentences.tsv" > "$out/$language.txt"
  voices=$(printf '%s,' "$language" "$language+m3" "$language+f2" "$language+klatt" "$language+m7" "$language+f4")
  /usr/bin/python3 "$here/make_songs.py" --out "$out/$language" --count "$count" --seed "language-$language-2026" \
    --language "$language" --voices "${voices%,}" --text "$out/$language.txt" --text-format lines \
    --min-lines 6 --max-lines 10 --min-duration 20 --max-duration 60 \
    --intro-min 0.5 --intro-max 8 --snr-list none,15,10,5 --sung-fractions 1,0.75,0.5,0 --chorus-prob 0.5 \
    --messy-prob 0.3 --formats mp3:1,ogg:1 --prefix "${language}_" --jobs "$(nproc)" --force
done
