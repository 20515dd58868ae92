#!/usr/bin/env python3
"""Deterministic input for content_speed.sh.

Writes into OUT_DIR:
  text.txt       ~SIZE_MB MB of Chinese government-style text: the sentences of
                 ../shared/data/typo/odw.train.tsv, shuffled, with ~2 % of characters replaced
                 by random common characters (so repeats are not byte-identical), one paragraph
                 of 1-6 sentences per line;
  patterns.txt   20,000 distinct literals, one a line (for grep -F -f / rg -F -f / bare Hyperscan);
  lexicon/       the same 20,000 literals as a govwatch lexicon: half typos*.txt (wrong→correct),
                 half sensitive*.txt (word→category), so every match needs its category.
Patterns: 1,000 are 2-4 character n-grams taken from the sentences (they match), 19,000 are
random 2-5 character strings of common characters (they rarely do) — a lexicon mostly of terms
that should not occur, like a real one.
Usage: content_speed_gen.py DATA_DIR OUT_DIR [SIZE_MB]
"""
import os
import random
import sys

data_dir, out_dir = sys.argv[1], sys.argv[2]
size_mb = float(sys.argv[3]) if len(sys.argv) > 3 else 100.0
rng = random.Random(20210630)

sentences = []
with open(os.path.join(data_dir, "typo", "odw.train.tsv"), encoding="utf-8") as f:
    for line in f:
        parts = line.rstrip("\n").split("\t")
        if len(parts) >= 3:
            sentences.extend(p for p in parts[1:3] if p)
with open(os.path.join(data_dir, "typo", "common_char_set.txt"), encoding="utf-8") as f:
    chars = [c.strip() for c in f if c.strip()]

os.makedirs(os.path.join(out_dir, "lexicon"), exist_ok=True)
patterns = set()
while len(patterns) < 1000:
    s = rng.choice(sentences)
    n = rng.randint(2, 4)
    if len(s) <= n:
        continue
    i = rng.randrange(0, len(s) - n)
    gram = s[i:i + n]
    if all("\u4e00" <= c <= "\u9fff" for c in gram):
        patterns.add(gram)
while len(patterns) < 20000:
    patterns.add("".join(rng.choice(chars) for _ in range(rng.randint(2, 5))))
patterns = sorted(patterns)
rng.shuffle(patterns)
with open(os.path.join(out_dir, "patterns.txt"), "w", encoding="utf-8") as f:
    f.write("\n".join(patterns) + "\n")
categories = ["反动", "色情", "赌博", "涉枪涉爆", "毒品"]
with open(os.path.join(out_dir, "lexicon", "typos-bench.txt"), "w", encoding="utf-8") as f:
    for p in patterns[:10000]:
        # A correction that does not contain the wrong term (else it would also be compiled,
        # as the own-correction context of the entry).
        f.write(f"{p}\t正{p[::-1]}\n")
with open(os.path.join(out_dir, "lexicon", "sensitive-bench.txt"), "w", encoding="utf-8") as f:
    for k, p in enumerate(patterns[10000:]):
        f.write(f"{p}\t{categories[k % len(categories)]}\n")

target = int(size_mb * 1024 * 1024)
written = 0
with open(os.path.join(out_dir, "text.txt"), "w", encoding="utf-8") as f:
    buf = []
    while written < target:
        para = []
        for _ in range(rng.randint(1, 6)):
            s = list(rng.choice(sentences))
            for _ in range(len(s) // 50):
                s[rng.randrange(len(s))] = rng.choice(chars)
            para.append("".join(s))
        line = "".join(para) + "\n"
        buf.append(line)
        written += len(line.encode("utf-8"))
        if len(buf) >= 1000:
            f.write("".join(buf))
            buf = []
    f.write("".join(buf))
