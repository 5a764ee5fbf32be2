#!/usr/bin/env bash
# Field-extraction accuracy and cost, measured with ../shared/corpus (not part of `make test`).
# For each difficulty: generate documents in mixed formats (one file per document: PDF or
# multi-page TIFF, single pages also as PNG/JPEG), run `intake extract --jsonl`, score with
# score.py, and report the seconds spent after the first OCR pass (extraction's overhead).
#   scripts/bench-extract.sh                         # 200 normal + 60 hard + 60 easy
#   COUNT=40 DIFFICULTIES="normal" scripts/bench-extract.sh
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${CORPUS:-../shared/corpus}
CONTENT=${CONTENT:-}                 # another content file for an unseen set
COUNT=${COUNT:-200}
SMALL=${SMALL:-60}
DIFFICULTIES=${DIFFICULTIES:-"normal hard easy"}
SEED=${SEED:-3003}
export OMP_THREAD_LIMIT=1

scripts/install-deps.sh
python3 -c 'import PIL' 2>/dev/null || python3 -m pip install -q pillow numpy
dpkg-query -W -f='${Status}' fonts-liberation2 2>/dev/null | grep -q "ok installed" || apt-get install -y -qq fonts-liberation2
swift build -c release >/dev/null

work=$(mktemp -d /tmp/intake-bench-extract.XXXXXX)
trap 'rm -rf "$work"' EXIT
content_args=()
[ -n "$CONTENT" ] && content_args=(--content "$CONTENT")

for difficulty in $DIFFICULTIES; do
  n=$COUNT; [ "$difficulty" = normal ] || n=$SMALL
  dir="$work/$difficulty"
  # A quarter of the documents in each format; one file is one document.
  q=$(( (n + 3) / 4 ))
  first=1
  for format in pdf tiff jpg png; do
    append=(); [ $first = 1 ] || append=(--append)
    python3 "$CORPUS/generate.py" --out "$dir" "${append[@]}" --count "$q" --seed "$SEED" \
      --difficulty "$difficulty" --formats "$format" "${content_args[@]}" >/dev/null
    first=0
  done
  files=()
  for json in "$dir"/doc*.json; do
    id=$(basename "$json" .json)
    for candidate in "$dir/$id.pdf" "$dir/$id.tif" "$dir/${id}_p1.jpg" "$dir/${id}_p1.png"; do
      if [ -e "$candidate" ]; then
        # PNG/JPEG formats write one file per page: only single-page documents qualify.
        case "$candidate" in *_p1.*) [ -e "${candidate/_p1./_p2.}" ] && continue ;; esac
        files+=("$candidate"); break
      fi
    done
  done
  .build/release/intake extract --jsonl --log-level error "${files[@]}" > "$work/$difficulty.jsonl" || true
  # File names of single pages are DOC_p1: score.py wants the document id.
  sed -i -E 's/"id":"(doc[0-9]+)_p1"/"id":"\1"/' "$work/$difficulty.jsonl"
  echo "== $difficulty: ${#files[@]} documents"
  python3 "$CORPUS/score.py" --truth "$dir" --pred "$work/$difficulty.jsonl" | tail -20
  python3 - "$work/$difficulty.jsonl" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
total = sum(r.get("seconds") or 0 for r in rows)
extra = sum(r.get("extraction_seconds") or 0 for r in rows)
print(f"seconds per document {total/max(len(rows),1):.2f}; extraction after the first OCR pass: {100*extra/max(total-extra,1e-9):.0f} % of the OCR time")
PY
done
