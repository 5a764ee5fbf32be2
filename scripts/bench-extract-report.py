#!/usr/bin/env python3
"""bench-extract-report.py TRUTH_DIR PRED.jsonl — what scripts/bench-extract.sh reports beside
score.py's table: time per page and extraction's share of it, the documents that would go
straight to the leader (and whether they are right), and secrecy holds."""
import json
import re
import sys
import unicodedata

truth_dir, pred = sys.argv[1], sys.argv[2]
rows = [json.loads(line) for line in open(pred, encoding="utf-8") if line.strip()]
truths = {r["id"]: json.load(open(f"{truth_dir}/{r['id']}.json", encoding="utf-8")) for r in rows}

# Time: the whole reading, and what came after the first full-page OCR pass.
pages = sum(truths[r["id"]].get("pages", 1) for r in rows)
total = sum(r.get("seconds") or 0 for r in rows)
extra = sum(r.get("extraction_seconds") or 0 for r in rows)
print(f"seconds per page {total / max(pages, 1):.2f} ({pages} pages); "
      f"extraction after the first OCR pass: {100 * extra / max(total - extra, 1e-9):.0f} % of the OCR time")


def norm(value, field):
    """score.py's comparison: NFC, one space, old tone placement; the number without spaces,
    names case-folded."""
    if value is None or value == "":
        return None
    v = re.sub(r"\s+", " ", unicodedata.normalize("NFC", str(value))).strip()
    for new, old in [("oà", "òa"), ("oá", "óa"), ("oả", "ỏa"), ("oã", "õa"), ("oạ", "ọa"), ("uỷ", "ủy"), ("uý", "úy")]:
        v = v.replace(new, old)
    if field == "so_ky_hieu":
        v = v.replace(" ", "")
    if field in ("co_quan_ban_hanh", "loai_van_ban"):
        v = v.casefold()
    return v


def held(row):
    """The daemon holds a document with a secrecy mark, or with doubt about one (< 0.5)."""
    return bool(row.get("do_mat")) or (row.get("confidence") or {}).get("do_mat", 0) < 0.5


required = ["so_ky_hieu", "ngay_van_ban", "co_quan_ban_hanh", "loai_van_ban", "trich_yeu"]
through = [r for r in rows if not r.get("doubtful") and not held(r) and not r.get("error")]
right = [r for r in through if all(norm(r.get(f), f) == norm(truths[r["id"]].get(f), f) for f in required)]
print(f"straight-through {len(through)}/{len(rows)} = {100 * len(through) / max(len(rows), 1):.1f} %; "
      f"right in all five required fields: {len(right)}/{len(through)}")
for field in required:
    accepted = [r for r in rows if r.get(field) and field not in (r.get("doubtful") or [])]
    wrong = [r for r in accepted if norm(r.get(field), field) != norm(truths[r["id"]].get(field), field)]
    print(f"  {field}: accepted {len(accepted)}, wrong {len(wrong)}")

marked = [r for r in rows if truths[r["id"]].get("do_mat")]
missed = [r["id"] for r in marked if not held(r)]
false_holds = [r for r in rows if not truths[r["id"]].get("do_mat") and held(r)]
print(f"secrecy: {len(marked) - len(missed)}/{len(marked)} marked documents held"
      + (f" (missed: {', '.join(missed)})" if missed else "")
      + f"; false holds {len(false_holds)}/{len(rows) - len(marked)}")
