#!/usr/bin/env bash
# Field-extraction accuracy and cost, measured with ../shared/corpus (not part of `make test`).
# For each set: generate documents in mixed formats (a quarter each as PDF, multi-page TIFF,
# JPEG and PNG; one file is one document, so the JPEG and PNG quarters are single pages),
# run `intake extract --jsonl`, score with score.py, and report what extraction costs after
# the first OCR pass, how many documents would go straight to the leader (and how many of
# those are right in all five required fields), and secrecy holds.
#   scripts/bench-extract.sh                          # dev content: 200 normal, 60 hard, 60 easy
#   UNSEEN=1 scripts/bench-extract.sh                 # also scripts/bench/content_unseen.json
#   SECRECY=1 scripts/bench-extract.sh                # also sets where most documents carry a
#                                                     # secrecy mark (recall must be 100 %)
#   COUNT=40 DIFFICULTIES="normal" scripts/bench-extract.sh
#   SETS="unseen secret" COUNT=60 SMALL=30 scripts/bench-extract.sh   # the sets named alone
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${CORPUS:-../shared/corpus}
COUNT=${COUNT:-200}
SMALL=${SMALL:-60}
DIFFICULTIES=${DIFFICULTIES:-"normal hard easy"}
SEED=${SEED:-3003}
KEEP=${KEEP:-}                       # a folder to keep the sets, predictions and layouts in
SETS=${SETS:-"dev${UNSEEN:+ unseen}${SECRECY:+ secret}"}
export OMP_THREAD_LIMIT=1

scripts/install-deps.sh
python3 -c 'import PIL, numpy' 2>/dev/null || python3 -m pip install -q pillow numpy
dpkg-query -W -f='${Status}' fonts-liberation2 2>/dev/null | grep -q "ok installed" || apt-get install -y -qq fonts-liberation2
# INTAKE: a binary already built (e.g. .build/debug/intake); default: a release build.
if [ -z "${INTAKE:-}" ]; then swift build -c release >/dev/null; INTAKE=.build/release/intake; fi

work=${KEEP:-$(mktemp -d /tmp/intake-bench-extract.XXXXXX)}
mkdir -p "$work"
[ -n "$KEEP" ] || trap 'rm -rf "$work"' EXIT
# One engine, one file at a time: each file's seconds are then its own work. With a file per
# core, a file's second looks wait for an engine the other file's first pass holds, and
# that wait would be counted as extraction. ENGINES=0 measures throughput on every core.
ENGINES=${ENGINES:-1}
printf '[ocr]\nlanguage = "vie"\nengines = %s\n' "$ENGINES" > "$work/intake.toml"

# A copy of the generator whose documents mostly carry a secrecy mark (MẬT 40 %, TỐI MẬT 20 %,
# TUYỆT MẬT 15 %): the real rate (6 %) gives too few marks to measure recall on.
secret_generator="$work/generate_secret.py"
sed 's/do_mat = wchoice(rng, \[(None, 94), ("Mật", 4), ("Tối mật", 1.3), ("Tuyệt mật", 0.7)\])/do_mat = wchoice(rng, [(None, 25), ("Mật", 40), ("Tối mật", 20), ("Tuyệt mật", 15)])/' \
  "$CORPUS/generate.py" > "$secret_generator"
grep -q '("Mật", 40)' "$secret_generator" || { echo "bench-extract: the generator's secrecy draw changed; cannot make the secrecy sets" >&2; exit 1; }

# generate NAME DIFFICULTY COUNT SEED GENERATOR [CONTENT]
generate() {
  local name=$1 difficulty=$2 n=$3 seed=$4 generator=$5 content=${6:-}
  local dir="$work/$name" q=$(( (n + 3) / 4 )) first=1
  local args=(--count "$q" --seed "$seed" --difficulty "$difficulty")
  [ -n "$content" ] && args+=(--content "$content")
  rm -rf "$dir"
  for format in pdf tiff jpg png; do
    local append=() pages=()
    [ $first = 1 ] || append=(--append)
    [ "$format" = jpg ] || [ "$format" = png ] && pages=(--pages 1)
    python3 "$generator" --out "$dir" "${append[@]}" "${args[@]}" "${pages[@]}" --formats "$format" >/dev/null
    first=0
  done
}

# measure NAME: read, score, and report one set.
measure() {
  local name=$1 dir="$work/$1" files=()
  for json in "$dir"/doc*.json; do
    local id; id=$(basename "$json" .json)
    for candidate in "$dir/$id.pdf" "$dir/$id.tif" "$dir/${id}_p1.jpg" "$dir/${id}_p1.png"; do
      if [ -e "$candidate" ]; then files+=("$candidate"); break; fi
    done
  done
  "$INTAKE" extract --jsonl --log-level error --config "$work/intake.toml" --layout-out "$work/$name.layouts" "${files[@]}" \
    > "$work/$name.jsonl" || true
  # File names of single pages are DOC_p1: score.py wants the document id.
  sed -i -E 's/"id":"(doc[0-9]+)_p1"/"id":"\1"/' "$work/$name.jsonl"
  echo "== $name: ${#files[@]} documents"
  python3 "$CORPUS/score.py" --truth "$dir" --pred "$work/$name.jsonl" | tail -20
  python3 scripts/bench-extract-report.py "$dir" "$work/$name.jsonl"
}

for difficulty in $DIFFICULTIES; do
  n=$COUNT; [ "$difficulty" = normal ] || n=$SMALL
  for set in $SETS; do
    case $set in
      dev) generate "dev-$difficulty" "$difficulty" "$n" "$SEED" "$CORPUS/generate.py" ;;
      unseen) generate "unseen-$difficulty" "$difficulty" "$n" 4242 "$CORPUS/generate.py" scripts/bench/content_unseen.json ;;
      # The copy lives in the work folder: the content file is named from the corpus.
      secret) generate "secret-$difficulty" "$difficulty" "$n" 5005 "$secret_generator" "$CORPUS/content_dev.json" ;;
      *) echo "bench-extract: no set '$set' (dev, unseen, secret)" >&2; exit 1 ;;
    esac
    measure "$set-$difficulty"
  done
done
