#!/usr/bin/env bash
# Generates the ADF streams bench-split.sh measures: 12 batches of 8 documents,
# normal difficulty, duplex yes/no x separators yes/no/auto, two seeds each.
# Usage: scripts/bench-split-corpus.sh OUTDIR [GENERATOR]
set -euo pipefail
out=${1:?output directory}
gen=${2:-${CORPUS_GENERATOR:-../shared/corpus/generate.py}}
jobs=${JOBS:-1}
mkdir -p "$out"
n=0
for seed in 41 42; do
  for duplex in yes no; do
    for sep in yes no auto; do
      n=$((n + 1))
      dir=$(printf '%s/batch%02d' "$out" "$n")
      if [[ -f $dir/batch.json ]]; then continue; fi
      rm -rf "$dir"
      python3 "$gen" --out "$dir" --count 8 --seed $((seed * 100 + n)) --batch \
        --duplex "$duplex" --separators "$sep" --formats pdf --difficulty normal --jobs "$jobs" >/dev/null
      echo "generated $dir (duplex=$duplex separators=$sep)" >&2
    done
  done
done
