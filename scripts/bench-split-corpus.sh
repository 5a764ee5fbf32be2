#!/usr/bin/env bash
# Generates the ADF streams bench-split.sh measures: BATCHES (default 20) batches of 8
# documents at normal difficulty, cycling duplex yes/no x separators yes/no/auto with a new
# seed per cycle (batch01-12 are the 12 batches of the first version of this bench), and
# HARD (default 4) batches at --difficulty hard in OUTDIR/hard (reported on their own line).
# Batches already there are kept.
# Usage: scripts/bench-split-corpus.sh OUTDIR [GENERATOR]
set -euo pipefail
out=${1:?output directory}
gen=${2:-${CORPUS_GENERATOR:-../shared/corpus/generate.py}}
jobs=${JOBS:-1}
batches=${BATCHES:-20}
hard=${HARD:-4}
mkdir -p "$out"

generate() { # DIR SEED DUPLEX SEPARATORS DIFFICULTY
  local dir=$1
  if [[ -f $dir/batch.json ]]; then return; fi
  rm -rf "$dir"
  python3 "$gen" --out "$dir" --count 8 --seed "$2" --batch \
    --duplex "$3" --separators "$4" --formats pdf --difficulty "$5" --jobs "$jobs" >/dev/null
  echo "generated $dir (duplex=$3 separators=$4 difficulty=$5)" >&2
}

combos=("yes yes" "yes no" "yes auto" "no yes" "no no" "no auto")
for ((n = 1; n <= batches; n++)); do
  seed=$((41 + (n - 1) / 6))
  read -r duplex sep <<< "${combos[$(((n - 1) % 6))]}"
  generate "$(printf '%s/batch%02d' "$out" "$n")" $((seed * 100 + n)) "$duplex" "$sep" normal
done
hard_combos=("yes auto" "no auto" "yes no" "no yes")
for ((n = 1; n <= hard; n++)); do
  read -r duplex sep <<< "${hard_combos[$(((n - 1) % 4))]}"
  generate "$(printf '%s/hard/batch%02d' "$out" "$n")" $((9000 + n)) "$duplex" "$sep" hard
done
