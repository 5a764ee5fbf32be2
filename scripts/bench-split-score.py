#!/usr/bin/env python3
"""Scores `intake ingest --split` output against generate.py --batch truth.

usage: bench-split-score.py BATCH_DIR OUTPUT.jsonl [BATCH_DIR OUTPUT.jsonl ...]
A document is right when its source_pages equal the truth's pages exactly. A page is lost
when a page of a truth document is in no found document."""
import json
import sys


def score(batch_dir, output):
    truth = json.load(open(f"{batch_dir}/batch.json"))
    found, dropped = [], []
    for line in open(output):
        line = line.strip()
        if not line:
            continue
        obj = json.loads(line)
        if "source_pages" in obj:
            found.append(tuple(obj["source_pages"]))
        elif "dropped_pages" in obj:
            dropped = obj["dropped_pages"]
    # Blank backs belong to no document: a document is its written pages.
    written = {p["index"] for p in truth["pages"] if p["kind"] == "page"}
    want = [tuple(p for p in d["pages"] if p in written) for d in truth["documents"]]
    right = len(set(want) & set(found))
    kept = {p for doc in found for p in doc}
    lost = sorted(p for doc in want for p in doc if p not in kept)
    blanks = {p["index"] for p in truth["pages"] if p["kind"] != "page"}
    blank_kept = sorted(p for p in kept if p in blanks)
    return {"batch": batch_dir, "duplex": truth["duplex"], "separators": truth["separators"],
            "documents": len(want), "found": len(found), "right": right, "lost_pages": lost,
            "blank_pages_kept": blank_kept, "wrong": [list(d) for d in found if d not in set(want)],
            "missed": [list(d) for d in want if d not in set(found)]}


def main(args):
    results = [score(args[i], args[i + 1]) for i in range(0, len(args), 2)]
    total = sum(r["documents"] for r in results)
    right = sum(r["right"] for r in results)
    lost = sum(len(r["lost_pages"]) for r in results)
    for r in results:
        flag = "" if r["right"] == r["documents"] and not r["lost_pages"] else "  <-- " + json.dumps(
            {"missed": r["missed"], "found_instead": r["wrong"], "lost": r["lost_pages"]})
        print(f'{r["batch"]}: duplex={r["duplex"]} separators={r["separators"]} '
              f'{r["right"]}/{r["documents"]} right, {r["found"]} found{flag}')
    print(f"split: documents={total} exact={right} accuracy={100.0 * right / max(1, total):.1f}% "
          f"lost_pages={lost} batches={len(results)}")
    return 0 if lost == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
