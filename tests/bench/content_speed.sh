#!/usr/bin/env bash
# Content matching speed: a 20,000-pattern lexicon over ~100 MB of Chinese text, same input,
# same run, every tool writing every match to a pipe (| wc -l; with output to /dev/null grep
# stops at the first match):
#   govwatch Scanner (content_scan_bench: the Scanner of scan-text and the daemon, normalisation,
#     allow-lists, one line per match with byte offsets, kind and category), both engines;
#   bare Hyperscan literal scan (hs_literal_scan: no normalisation, no categories);
#   grep -F -o -f and rg -F -o -f (non-overlapping leftmost matches only, no categories).
# Prints a table: seconds (wall, whole process incl. lexicon load), MB/s, peak RSS, lines out.
# Usage: tests/bench/content_speed.sh BUILD_DIR [SIZE_MB=100] [WORK_DIR=/tmp/govwatch-content-speed]
set -euo pipefail
build=$(cd "$1" && pwd)
size_mb=${2:-100}
work=${3:-/tmp/govwatch-content-speed}
here=$(cd "$(dirname "$0")" && pwd)
data=$(cd "$here/../../../shared/data" 2>/dev/null && pwd || echo /work/shared/data)
mkdir -p "$work"
if [ ! -f "$work/text.txt" ] || [ "$(cat "$work/size" 2>/dev/null)" != "$size_mb" ]; then
  python3 "$here/content_speed_gen.py" "$data" "$work" "$size_mb"
  echo "$size_mb" > "$work/size"
fi
bytes=$(stat -c %s "$work/text.txt")
printf 'input: %s bytes, %s patterns\n' "$bytes" "$(wc -l < "$work/patterns.txt")"
printf '%-28s %8s %8s %10s %10s\n' tool seconds MB/s peak_MB lines
run() {
  local name=$1; shift
  local t="$work/time.$$"
  local lines
  # Warm the page cache so the first tool is not charged for reading the file.
  cat "$work/text.txt" > /dev/null
  lines=$( { /usr/bin/time -f '%e %M' -o "$t" "$@" 2>/dev/null || true; } | wc -l)
  read -r secs kb < "$t"
  rm -f "$t"
  awk -v n="$name" -v s="$secs" -v b="$bytes" -v k="$kb" -v l="$lines" \
    'BEGIN { printf "%-28s %8.2f %8.1f %10.1f %10d\n", n, s, b / 1048576 / s, k / 1024, l }'
}
cd "$work"
run "govwatch Scanner hyperscan" "$build/tests/bench/content_scan_bench" lexicon text.txt hyperscan
run "govwatch Scanner aho-corasick" "$build/tests/bench/content_scan_bench" lexicon text.txt ac
run "bare Hyperscan" "$build/tests/bench/hs_literal_scan" patterns.txt text.txt
run "rg -F -o -f" rg -F -o -f patterns.txt text.txt
run "grep -F -o -f" env LC_ALL=C.UTF-8 grep -F -o -f patterns.txt text.txt
