#!/usr/bin/env bash
# Split accuracy of `intake ingest --split` on generate.py --batch ADF streams (issue 4).
#
#   scripts/bench-split.sh [WORKDIR]
#
# Generates 12 batches (8 documents each, normal difficulty, duplex yes/no x separators
# yes/no/auto) into WORKDIR/corpus unless they are there, runs the real binary on each
# batch.pdf with a throw-away data directory, and prints per batch and in total how many
# documents were split exactly right (same pages as the truth) and how many pages were lost.
# Env: INTAKE (binary; default .build-scan/debug/intake, else .build/debug/intake),
#      CORPUS_GENERATOR (default ../shared/corpus/generate.py).
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-/tmp/intake-bench-split}
export OMP_THREAD_LIMIT=1
intake=${INTAKE:-}
if [[ -z $intake ]]; then
  for candidate in .build-scan/debug/intake .build/debug/intake .build/release/intake; do
    if [[ -x $candidate ]]; then intake=$candidate; break; fi
  done
fi
[[ -x $intake ]] || { echo "build intake first (swift build)" >&2; exit 2; }
scripts/bench-split-corpus.sh "$work/corpus"
args=()
start=$(date +%s)
for dir in "$work"/corpus/batch*/; do
  dir=${dir%/}
  name=$(basename "$dir")
  out="$work/out-$name.jsonl"
  rm -rf "$work/data-$name"
  "$intake" ingest --split --data-dir "$work/data-$name" "$dir/batch.pdf" > "$out" 2> "$work/log-$name.txt" || true
  args+=("$dir" "$out")
done
python3 scripts/bench-split-score.py "${args[@]}"
echo "time: $(( $(date +%s) - start )) s"
