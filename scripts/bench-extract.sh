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
# INTAKE: a binary already built (e.g. .build/debug/intake); default: a release build.
if [ -z "${INTAKE:-}" ]; then swift build -c release >/dev/null; INTAKE=.build/release/intake; fi

work=$(mktemp -d /tmp/intake-bench-extract.XXXXXX)
trap 'rm -rf "$work"' EXIT
# One engine, one file at a time: each file's seconds are then its own work. With a file per
# core, a file's second looks wait for an engine the other file's first pass holds, and
# that wait would be counted as extraction. ENGINES=0 measures throughput on every core.
ENGINES=${ENGINES:-1}
printf '[ocr]\nlanguage = "vie"\nengines = %s\n' "$ENGINES" > "$work/intake.toml"
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
  "$INTAKE" extract --jsonl --log-level error --config "$work/intake.toml" "${files[@]}" > "$work/$difficulty.jsonl" || true
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
  # Straight-through: no doubtful required field and no secrecy mark; right = all five
  # required fields equal to the truth (as score.py compares them).
  python3 - "$dir" "$work/$difficulty.jsonl" <<'PY'
import json, re, sys, unicodedata
truth_dir, pred = sys.argv[1], sys.argv[2]
def norm(v, field):
    if v is None: return None
    v = re.sub(r"\s+", " ", unicodedata.normalize("NFC", str(v))).strip()
    for a, b in [("oà", "òa"), ("oá", "óa"), ("oả", "ỏa"), ("oã", "õa"), ("oạ", "ọa"), ("uỷ", "ủy"), ("uý", "úy")]:
        v = v.replace(a, b)
    if field == "so_ky_hieu": v = v.replace(" ", "")
    if field in ("co_quan_ban_hanh", "loai_van_ban"): v = v.casefold()
    return v
required = ["so_ky_hieu", "ngay_van_ban", "co_quan_ban_hanh", "loai_van_ban", "trich_yeu"]
rows = [json.loads(l) for l in open(pred) if l.strip()]
through = right = 0
for r in rows:
    if r.get("doubtful") or r.get("do_mat") or r.get("error"): continue
    through += 1
    t = json.load(open(f"{truth_dir}/{r['id']}.json"))
    right += all(norm(r.get(f), f) == norm(t.get(f), f) for f in required)
print(f"straight-through {through}/{len(rows)} = {100*through/max(len(rows),1):.1f} %; right in all five required fields: {right}/{through}")
PY
done
