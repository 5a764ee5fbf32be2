#!/usr/bin/env bash
# Split accuracy of `intake ingest --split` on generate.py --batch ADF streams (issue 4).
#
#   scripts/bench-split.sh [WORKDIR]
#
# Generates 20 batches (8 documents each, normal difficulty, duplex yes/no x separators
# yes/no/auto, a new seed per cycle of six) and 4 hard batches into WORKDIR/corpus unless
# they are there (scripts/bench-split-corpus.sh; BATCHES=, HARD= change the counts), runs the real binary on each
# batch.pdf with a throw-away data directory, and prints per batch and in total how many
# documents were split exactly right (same pages as the truth) and how many pages were lost;
# the hard batches get their own total line.
# Env: INTAKE (binary; default .build-scan/debug/intake, else .build/debug/intake),
#      PARALLEL (batches run at once, default 1: times are comparable),
#      CORPUS_GENERATOR (default ../shared/corpus/generate.py), SKIP_CORPUS=1 (measure the
#      batches already generated), REUSE=1 (keep the output of batches already measured).
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-/tmp/intake-bench-split}
export OMP_THREAD_LIMIT=1
parallel=${PARALLEL:-1}
REUSE=${REUSE:-}
intake=${INTAKE:-}
if [[ -z $intake ]]; then
  for candidate in .build-scan/debug/intake .build/debug/intake .build/release/intake; do
    if [[ -x $candidate ]]; then intake=$candidate; break; fi
  done
fi
[[ -x $intake ]] || { echo "build intake first (swift build)" >&2; exit 2; }
[[ -n ${SKIP_CORPUS:-} ]] || scripts/bench-split-corpus.sh "$work/corpus"
status=0
one() { # DIR: runs intake on one batch (its output and log named after it)
  local dir=${1%/} name
  name=$(basename "$(dirname "$dir")")-$(basename "$dir")
  if [[ -n ${REUSE:-} && -s $work/out-$name.jsonl ]]; then return; fi
  rm -rf "$work/data-$name"
  "$intake" ingest --split --data-dir "$work/data-$name" "$dir/batch.pdf" > "$work/out-$name.jsonl" 2> "$work/log-$name.txt" || true
}
export -f one
export work intake REUSE
run() { # LABEL DIR...
  local label=$1; shift
  local args=() dirs=() start=$SECONDS dir name
  for dir in "$@"; do
    dir=${dir%/}
    [[ -f $dir/batch.json ]] || continue
    dirs+=("$dir")
    name=$(basename "$(dirname "$dir")")-$(basename "$dir")
    args+=("$dir" "$work/out-$name.jsonl")
  done
  printf '%s\0' "${dirs[@]}" | xargs -0 -n 1 -P "$parallel" bash -c 'one "$0"'
  echo "== $label"
  python3 scripts/bench-split-score.py "${args[@]}" || status=1
  echo "time: $(( SECONDS - start )) s ($parallel at a time)"
}
run "normal difficulty" "$work"/corpus/batch*/
if compgen -G "$work/corpus/hard/batch*/" > /dev/null; then
  run "hard difficulty (separate line, not in the target)" "$work"/corpus/hard/batch*/
fi
exit $status
