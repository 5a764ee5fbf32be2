#!/usr/bin/env bash
# Per-page time of the whole pipeline (`intake ingest`: decode, OSD, deskew, OCR, PDF/A,
# registration) next to the `tesseract` CLI alone on the same pages, and the PDF size per page.
# Needs ../shared/corpus (the generator) and Pillow: not part of `make test`.
#   scripts/bench-pipeline.sh            # 20 single-page documents, 200 dpi, normal difficulty
#   PAGES=50 FORMAT=png scripts/bench-pipeline.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PAGES=${PAGES:-20}
FORMAT=${FORMAT:-jpg}
SEED=${SEED:-42}
CORPUS=${CORPUS:-../shared/corpus}
export OMP_THREAD_LIMIT=1

scripts/install-deps.sh
python3 -c 'import PIL' 2>/dev/null || python3 -m pip install -q pillow numpy
dpkg-query -W -f='${Status}' fonts-liberation2 2>/dev/null | grep -q "ok installed" || apt-get install -y -qq fonts-liberation2
swift build -c release >/dev/null

work=$(mktemp -d /tmp/intake-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
python3 "$CORPUS/generate.py" --out "$work/corpus" --count "$PAGES" --pages 1 --seed "$SEED" \
  --formats "$FORMAT" --dpi 200 >/dev/null
files=("$work"/corpus/*_p1."$FORMAT")

now() { date +%s.%N; }

t0=$(now)
.build/release/intake ingest --data-dir "$work/data" --log-level warning "${files[@]}" > "$work/ingest.jsonl"
t1=$(now)
mkdir -p "$work/tess"
for f in "${files[@]}"; do tesseract "$f" "$work/tess/$(basename "${f%.*}")" -l vie >/dev/null 2>&1; done
t2=$(now)
# The same, two pages at a time: intake uses one engine per core, so compare like with like.
printf '%s\n' "${files[@]}" | xargs -P 2 -I{} sh -c 'tesseract "{}" "$0/$(basename "{}")" -l vie >/dev/null 2>&1' "$work/tess"
t3=$(now)

registered=$(grep -c -E '"status":"(needs_review|awaiting_assignment)"' "$work/ingest.jsonl" || true)
held=$(grep -c '"status":"confidential_hold"' "$work/ingest.jsonl" || true)
straight=$(grep -c '"status":"awaiting_assignment"' "$work/ingest.jsonl" || true)
pdf_bytes=$(find "$work/data/pdf" -name '*.pdf' -printf '%s\n' | awk '{s+=$1} END {print s+0}')
pdf_pages=$(grep -E '"status":"(needs_review|awaiting_assignment)"' "$work/ingest.jsonl" | grep -o '"pages":[0-9]*' | cut -d: -f2 | awk '{s+=$1} END {print s+0}')
input_bytes=$(du -cb "${files[@]}" | tail -1 | cut -f1)
python3 - "$PAGES" "$t0" "$t1" "$t2" "$t3" "$registered" "$held" "$straight" "$pdf_bytes" "$input_bytes" <<'PY'
import sys
n = int(sys.argv[1]); t0, t1, t2, t3 = map(float, sys.argv[2:6])
reg, held, straight, pdf, inp = map(int, sys.argv[6:11])
print(f"pages                         {n} (registered {reg}, of which straight to the leader {straight}; held as secret {held})")
print(f"intake ingest, s/page         {(t1-t0)/n:.2f}   (whole pipeline: OSD, deskew, OCR, extraction, PDF/A, registry; 1 engine per core)")
print(f"tesseract CLI, s/page         {(t2-t1)/n:.2f}   (text only, -l vie, OMP_THREAD_LIMIT=1, one page at a time)")
print(f"tesseract CLI x2, s/page      {(t3-t2)/n:.2f}   (the same, two processes at once)")
print(f"PDF size per page             {pdf/max(reg,1)/1024:.0f} KiB   (input {inp/n/1024:.0f} KiB per page; JPEG pages embedded unchanged)")
PY
