#!/usr/bin/env python3
"""Reference matcher for govwatch lexicons (pure Python, no dependencies).

It implements the lexicon contract of docs/lexicon.md so that the shipped lexicons can be
measured and tuned without the C++ engine, and so that the two can be compared:

  * a lexicon is a directory; a file's kind comes from its name prefix
    (typos*.txt, severe*.txt, sensitive*.txt, allow*.txt); `#` starts a comment;
  * matching is on normalised text: full-width -> half-width and lower case (character for
    character, so positions stay those of the original text). Traditional -> simplified is NOT
    done here (the engine uses OpenCC); the benchmark data is simplified already;
  * sensitive words also match across inserted spaces/symbols (法 轮 功, 法*轮*功);
  * a wrong term lying inside an occurrence of its own correction never fires;
  * an allow phrase suppresses every match lying entirely inside one of its occurrences;
    `phrase<TAB>term` suppresses only matches of `term`.

The benchmark's final figures use the govwatch binary (`govwatch scan-text`); this module is a
fallback and a cross-check. Output records have the same fields as scan-text's JSON:
begin, end (character offsets, end exclusive), wrong, suggestion, check, category, severity.
"""
import os
import sys

SENSITIVE_DEFAULT_VETO = {"反动", "暴力恐怖", "色情", "赌博"}


def normalise_char(ch):
    code = ord(ch)
    if code == 0x3000:
        return " "
    if 0xFF01 <= code <= 0xFF5E:
        ch = chr(code - 0xFEE0)
    return ch.lower()


def normalise(text):
    return "".join(normalise_char(c) for c in text)


def is_filler(ch):
    """Characters a poster inserts to break up a sensitive word: spaces, ASCII/CJK punctuation
    and symbols (not letters, digits or CJK ideographs)."""
    if ch.isspace():
        return True
    if ch.isalnum():
        return False
    code = ord(ch)
    return not (0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF)


class Lexicon:
    def __init__(self):
        self.typos = {}      # wrong -> (correct, weight)
        self.severe = {}     # wrong -> (correct, category, severity)
        self.sensitive = {}  # word -> (category, severity)
        self.allow_all = []  # phrases
        self.allow_term = {} # term -> [phrases]
        self.errors = []

    @staticmethod
    def load(directory):
        lex = Lexicon()
        for name in sorted(os.listdir(directory)):
            path = os.path.join(directory, name)
            if not name.endswith(".txt") or not os.path.isfile(path):
                continue
            kind = next((k for k in ("typos", "severe", "sensitive", "allow") if name.startswith(k)), None)
            if kind is None:
                continue
            with open(path, encoding="utf-8") as fh:
                for lineno, raw in enumerate(fh, 1):
                    line = raw.split("#", 1)[0].rstrip("\r\n")
                    if not line.strip():
                        continue
                    fields = [f.strip() for f in line.split("\t")]
                    lex._add(kind, fields, f"{name}:{lineno}")
        return lex

    def _add(self, kind, f, where):
        if kind == "typos":
            if len(f) < 2 or not f[0] or not f[1]:
                self.errors.append(f"{where}: typos needs wrong<TAB>correct")
                return
            weight = float(f[2]) if len(f) > 2 and f[2] else 1.0
            self.typos[normalise(f[0])] = (f[1], weight)
        elif kind == "severe":
            if len(f) < 3:
                self.errors.append(f"{where}: severe needs wrong<TAB>correct<TAB>category")
                return
            sev = f[3] if len(f) > 3 and f[3] else "veto"
            self.severe[normalise(f[0])] = (f[1], f[2], sev)
        elif kind == "sensitive":
            if len(f) < 2:
                self.errors.append(f"{where}: sensitive needs word<TAB>category")
                return
            sev = f[2] if len(f) > 2 and f[2] else ("veto" if f[1] in SENSITIVE_DEFAULT_VETO else "warning")
            word = "".join(c for c in normalise(f[0]) if not is_filler(c))
            if word:
                self.sensitive[word] = (f[1], sev)
        elif kind == "allow":
            if len(f) >= 2 and f[1]:
                self.allow_term.setdefault(normalise(f[1]), []).append(normalise(f[0]))
            else:
                self.allow_all.append(normalise(f[0]))


def _occurrences(haystack, needle):
    start = 0
    while True:
        i = haystack.find(needle, start)
        if i < 0:
            return
        yield i
        start = i + 1


def _inside_occurrence(norm, begin, end, phrase):
    """True when [begin, end) lies inside an occurrence of phrase in norm."""
    lo = max(0, end - len(phrase))
    for i in _occurrences(norm[lo:begin + len(phrase)], phrase):
        s = lo + i
        if s <= begin and end <= s + len(phrase):
            return True
    return False


def _scan_literal(norm, table):
    lengths = sorted({len(k) for k in table}, reverse=True)
    for i in range(len(norm)):
        for n in lengths:
            key = norm[i:i + n]
            if len(key) == n and key in table:
                yield i, i + n, key


def scan(lex, text):
    norm = normalise(text)
    out = []

    def allowed(b, e, key, correction):
        if correction and normalise(correction) != key and key in normalise(correction) \
                and _inside_occurrence(norm, b, e, normalise(correction)):
            return True
        for p in lex.allow_all:
            if _inside_occurrence(norm, b, e, p):
                return True
        for p in lex.allow_term.get(key, ()):
            if _inside_occurrence(norm, b, e, p):
                return True
        return False

    for b, e, key in _scan_literal(norm, lex.severe):
        corr, cat, sev = lex.severe[key]
        if not allowed(b, e, key, corr):
            out.append(dict(begin=b, end=e, wrong=text[b:e], suggestion=corr, check="severe_expression",
                            category=cat, severity=sev))
    for b, e, key in _scan_literal(norm, lex.typos):
        corr, weight = lex.typos[key]
        if not allowed(b, e, key, corr):
            out.append(dict(begin=b, end=e, wrong=text[b:e], suggestion=corr, check="typo",
                            category="typo", severity="deduction", weight=weight))
    # Sensitive words: match on the text with filler characters removed, map back.
    kept = [i for i, c in enumerate(norm) if not is_filler(c)]
    squeezed = "".join(norm[i] for i in kept)
    for b, e, key in _scan_literal(squeezed, lex.sensitive):
        ob, oe = kept[b], kept[e - 1] + 1
        if not allowed(ob, oe, key, None) and not any(
                _inside_occurrence(squeezed, b, e, p) for p in lex.allow_all + lex.allow_term.get(key, [])):
            cat, sev = lex.sensitive[key]
            out.append(dict(begin=ob, end=oe, wrong=text[ob:oe], suggestion="", check="sensitive_word",
                            category=cat, severity=sev))
    out.sort(key=lambda m: (m["begin"], m["end"]))
    return out


def main(argv):
    import json
    if len(argv) < 3:
        print("usage: typo_accuracy_refmatch.py LEXICON_DIR FILE|-", file=sys.stderr)
        return 2
    lex = Lexicon.load(argv[1])
    for e in lex.errors:
        print(e, file=sys.stderr)
    text = sys.stdin.read() if argv[2] == "-" else open(argv[2], encoding="utf-8").read()
    for m in scan(lex, text):
        print(json.dumps(m, ensure_ascii=False))
    return 1 if lex.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
