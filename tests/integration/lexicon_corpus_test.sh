#!/bin/sh
# lexicon_corpus_test: the shipped default lexicons (config/lexicon) against ordinary government
# text and against deliberately wrong sentences, through the real `govwatch scan-text`.
#   1. zero sensitive_word / severe_expression findings on every file of tests/data/gov-corpus
#      (notices, announcements, personnel and hiring lists, anti-corruption reports …);
#   2. each expected finding on tests/integration/lexicon_corpus_fixture.txt, so the test fails
#      when the lexicons or the matcher stop detecting what they should.
# Usage: lexicon_corpus_test.sh GOVWATCH_BINARY SOURCE_DIR
set -u
GOVWATCH=$1
SRC=$2
LEXICON=$SRC/config/lexicon
CORPUS=$SRC/tests/data/gov-corpus
FIXTURE=$SRC/tests/integration/lexicon_corpus_fixture.txt
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail=0

# --- 1. no false positives on the corpus ---------------------------------------------------
files=0
for f in "$CORPUS"/*.txt; do
  files=$((files + 1))
  "$GOVWATCH" scan-text --lexicon "$LEXICON" --format json "$f" >"$TMP/out.json" 2>"$TMP/err"
  rc=$?
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
    echo "FAIL: scan-text exited $rc on $f: $(cat "$TMP/err")"; fail=1; continue
  fi
  # one finding per line in the JSON array; count the two checks that must stay silent
  bad=$(grep -E '"check": ?"(sensitive_word|severe_expression)"' "$TMP/out.json" || true)
  if [ -n "$bad" ]; then
    echo "FAIL: false positives in $(basename "$f"):"; echo "$bad" | head -20; fail=1
  fi
done
if [ "$files" -lt 20 ]; then echo "FAIL: corpus has only $files files"; fail=1; fi
bytes=$(cat "$CORPUS"/*.txt | wc -c)
if [ "$bytes" -lt 300000 ]; then echo "FAIL: corpus has only $bytes bytes"; fail=1; fi

# --- 2. positives on the fixture ---------------------------------------------------------------
"$GOVWATCH" scan-text --lexicon "$LEXICON" --format json "$FIXTURE" >"$TMP/fix.json" 2>"$TMP/err"
rc=$?
if [ "$rc" -ne 1 ]; then echo "FAIL: scan-text exited $rc on the fixture (want 1): $(cat "$TMP/err")"; fail=1; fi
expect() { # check wrong suggestion-or-category
  if ! grep -F "\"check\":\"$1\"" "$TMP/fix.json" | grep -F "\"wrong\":\"$2\"" | grep -qF "$3"; then
    echo "FAIL: expected $1 \"$2\" ($3) on the fixture"; fail=1
  fi
}
expect severe_expression 宁夏自治区 宁夏回族自治区
expect severe_expression 四个意思 四个意识
expect severe_expression 原州县 原州区
expect severe_expression 泾原县 泾源县
expect severe_expression 彭阳区 彭阳县
expect severe_expression 国家工商总局 '"severity":"warning"'
expect severe_expression 习近平新时代中国特色社会主意思想 习近平新时代中国特色社会主义思想
expect sensitive_word 真人荷官 赌博
expect sensitive_word 在线赌场 赌博
expect sensitive_word 开户送彩金 赌博
expect sensitive_word '法 轮 功' 邪教
expect sensitive_word '法*轮*功' 邪教
expect typo 扎实推近 扎实推进
expect typo 环竟 环境
# the correct forms in the same fixture must not fire
if grep -F '"wrong":"四个自信"' "$TMP/fix.json" >/dev/null; then echo "FAIL: 四个自信 flagged"; fail=1; fi

if [ "$fail" -ne 0 ]; then
  echo "lexicon_corpus_test: FAILED"; exit 1
fi
echo "lexicon_corpus_test: $files corpus files ($bytes bytes) without sensitive/severe findings; fixture positives found"
exit 0
