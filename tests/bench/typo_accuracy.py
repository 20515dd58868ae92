#!/usr/bin/env python3
"""Typo-detection accuracy of a govwatch lexicon on ECSpell's official-document sentence pairs.

    python3 tests/bench/typo_accuracy.py --govwatch build/daemon/govwatch \
        [--lexicon config/lexicon] [--data ../shared/data/typo/odw.train.tsv]

The data is read in place (never copied into the project): `n<TAB>wrong<TAB>correct`, 1,720 rows
of government-document style, character substitutions only. The gold errors of a row are the
positions where the two sentences differ (n is not trusted: 8 rows disagree with their pair); the
one row whose sentences differ in length is skipped.

Every wrong sentence is checked with `govwatch scan-text --lexicon DIR --format json`, all at once
(one sentence per line). A finding counts when its check is `typo` or `severe_expression`
(except the `agency` category: obsolete agency names are right in these pre-2018 sentences).
`--reference` uses tests/bench/typo_accuracy_refmatch.py instead of the binary (a cross-check, and
for tuning before the binary exists); the published figures use the binary.

Figures, per split (the lexicon builder mines word pairs from the EVEN rows only, so the ODD rows
are the held-out figure; `all` is given for comparison with other tools):
  detection P/R  — sentence level: a sentence is flagged when it has any finding; a flagged
                   sentence is right when it has at least one error.
  location P/R   — stricter: a flagged sentence is right only when every finding covers an error.
  correction acc — of the flagged sentences with errors, the share that applying the suggestions
                   turns into exactly the correct sentence; correction R — the same over all
                   sentences with errors.
  finding P      — share of single findings whose suggestion turns the span into the gold text.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
COUNTED_CHECKS = {"typo", "severe_expression"}
# Obsolete-agency warnings are right on a current page but the odw sentences predate the 2018
# reform (国家林业局, 农业部 …): they are no typos and are not counted.
UNCOUNTED_CATEGORIES = {"agency"}


def load_rows(path):
    rows, skipped = [], 0
    with open(path, encoding="utf-8") as fh:
        for index, line in enumerate(fh):
            f = line.rstrip("\n").split("\t")
            if len(f) < 3:
                skipped += 1
                continue
            wrong, right = f[1], f[2]
            if len(wrong) != len(right) or "\n" in wrong:
                skipped += 1
                continue
            rows.append((index, wrong, right))
    return rows, skipped


def findings_from_binary(govwatch, lexicon, sentences):
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False) as tmp:
        tmp.write("\n".join(sentences) + "\n")
        path = tmp.name
    try:
        started = time.monotonic()
        proc = subprocess.run([govwatch, "scan-text", "--lexicon", lexicon, "--format", "json", path],
                              capture_output=True, text=True)
        elapsed = time.monotonic() - started
        # scan-text exits non-zero when it found something; only a missing output is an error.
        if proc.returncode not in (0, 1) and not proc.stdout:
            sys.exit(f"govwatch scan-text failed ({proc.returncode}): {proc.stderr.strip()}")
        records = parse_records(proc.stdout)
        text = "\n".join(sentences) + "\n"
        return split_by_line(text, records), elapsed
    finally:
        os.unlink(path)


def parse_records(stdout):
    """scan-text --format json prints a JSON array with one finding per line; one object per
    line (JSON Lines) is accepted as well."""
    body = stdout.strip()
    if body.startswith("["):
        return json.loads(body)
    return [json.loads(l.rstrip(",")) for l in body.splitlines() if l.strip().startswith("{")]


def split_by_line(text, records):
    """Turns findings over the whole file into (line, begin, end) in characters of that line.
    scan-text gives begin_char/end_char; plain begin/end may be characters or UTF-8 bytes (the
    `wrong` field tells which)."""
    raw = text.encode("utf-8")
    byte_to_char = {}
    pos = 0
    for i, ch in enumerate(text):
        byte_to_char[pos] = i
        pos += len(ch.encode("utf-8"))
    byte_to_char[pos] = len(text)
    line_starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            line_starts.append(i + 1)
    import bisect
    out = {}
    for r in records:
        wrong = r.get("wrong", "")
        if "begin_char" in r:
            b, e = int(r["begin_char"]), int(r["end_char"])
        else:
            b, e = int(r["begin"]), int(r["end"])
            if text[b:e] != wrong and raw[b:e].decode("utf-8", "replace") == wrong:
                b, e = byte_to_char[b], byte_to_char[e]
        line = bisect.bisect_right(line_starts, b) - 1
        start = line_starts[line]
        rec = dict(r, begin=b - start, end=e - start)
        out.setdefault(line, []).append(rec)
    return out


def findings_from_reference(lexicon, sentences):
    sys.path.insert(0, HERE)
    import typo_accuracy_refmatch as ref
    lex = ref.Lexicon.load(lexicon)
    started = time.monotonic()
    out = {i: ref.scan(lex, s) for i, s in enumerate(sentences)}
    return out, time.monotonic() - started


def apply(sentence, findings):
    out, last = [], 0
    for f in sorted(findings, key=lambda f: (f["begin"], -(f["end"] - f["begin"]))):
        b, e, s = f["begin"], f["end"], f.get("suggestion") or ""
        if b < last or len(s) != e - b:
            continue
        out.append(sentence[last:b])
        out.append(s)
        last = e
    out.append(sentence[last:])
    return "".join(out)


def measure(rows, findings):
    m = dict(sentences=len(rows), with_errors=0, flagged=0, det_tp=0, det_fp=0, loc_ok=0, loc_ok_err=0,
             corrected=0, findings=0, findings_ok=0)
    for k, (_, wrong, right) in enumerate(rows):
        gold = {i for i, (a, b) in enumerate(zip(wrong, right)) if a != b}
        fs = [f for f in findings.get(k, []) if f.get("check") in COUNTED_CHECKS
              and f.get("category") not in UNCOUNTED_CATEGORIES]
        if gold:
            m["with_errors"] += 1
        if not fs:
            continue
        m["flagged"] += 1
        m["findings"] += len(fs)
        for f in fs:
            s = f.get("suggestion") or ""
            if right[f["begin"]:f["end"]] == s and any(f["begin"] <= g < f["end"] for g in gold):
                m["findings_ok"] += 1
        located = all(any(f["begin"] <= g < f["end"] for g in gold) for f in fs)
        if gold:
            m["det_tp"] += 1
            if located:
                m["loc_ok_err"] += 1
            if apply(wrong, fs) == right:
                m["corrected"] += 1
        else:
            m["det_fp"] += 1
        if located and gold:
            m["loc_ok"] += 1
    return m


def ratio(a, b):
    return a / b if b else float("nan")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--govwatch", default=os.path.join(ROOT, "build/daemon/govwatch"))
    ap.add_argument("--lexicon", default=os.path.join(ROOT, "config/lexicon"))
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared/data/typo/odw.train.tsv"))
    ap.add_argument("--reference", action="store_true", help="use the Python reference matcher")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON as well")
    args = ap.parse_args()

    if not os.path.exists(args.data):
        alt = "/work/shared/data/typo/odw.train.tsv"
        args.data = alt if os.path.exists(alt) else args.data
    rows, skipped = load_rows(args.data)
    sentences = [w for _, w, _ in rows]
    if args.reference:
        findings, elapsed = findings_from_reference(args.lexicon, sentences)
        engine = "reference matcher (typo_accuracy_refmatch.py)"
    else:
        if not os.access(args.govwatch, os.X_OK):
            sys.exit(f"no govwatch binary at {args.govwatch} (build it, or pass --govwatch / --reference)")
        findings, elapsed = findings_from_binary(args.govwatch, args.lexicon, sentences)
        engine = f"govwatch scan-text ({args.govwatch})"

    splits = {
        "odd (held out)": [k for k, r in enumerate(rows) if r[0] % 2 == 1],
        "even (mined)": [k for k, r in enumerate(rows) if r[0] % 2 == 0],
        "all": list(range(len(rows))),
    }
    print(f"engine: {engine}; lexicon: {args.lexicon}; data: {args.data} "
          f"({len(rows)} rows, {skipped} skipped); scan time {elapsed:.2f} s")
    header = (f"{'split':<16}{'sents':>6}{'w/err':>6}{'flag':>6}{'det P':>7}{'det R':>7}"
              f"{'loc P':>7}{'loc R':>7}{'corr acc':>9}{'corr R':>7}{'find P':>7}")
    print(header)
    print("-" * len(header))
    results = {}
    for name, idx in splits.items():
        sub_rows = [rows[k] for k in idx]
        sub_find = {j: findings.get(k, []) for j, k in enumerate(idx)}
        m = measure(sub_rows, sub_find)
        r = dict(m, det_p=ratio(m["det_tp"], m["flagged"]), det_r=ratio(m["det_tp"], m["with_errors"]),
                 loc_p=ratio(m["loc_ok"], m["flagged"]), loc_r=ratio(m["loc_ok_err"], m["with_errors"]),
                 corr_acc=ratio(m["corrected"], m["det_tp"]), corr_r=ratio(m["corrected"], m["with_errors"]),
                 find_p=ratio(m["findings_ok"], m["findings"]))
        results[name] = r
        print(f"{name:<16}{r['sentences']:>6}{r['with_errors']:>6}{r['flagged']:>6}{r['det_p']:>7.3f}"
              f"{r['det_r']:>7.3f}{r['loc_p']:>7.3f}{r['loc_r']:>7.3f}{r['corr_acc']:>9.3f}"
              f"{r['corr_r']:>7.3f}{r['find_p']:>7.3f}")
    if args.json:
        print(json.dumps(results, ensure_ascii=False))


if __name__ == "__main__":
    main()
