#!/usr/bin/env bash
# One full cycle of the daemon over a province on the loopback fixture server (issue 3, "Figures
# to reach"): `govwatch run --once` under /usr/bin/time -v.
#   tests/bench/province_cycle.sh [BUILD_DIR] [SCALE]
# SCALE=1 is 2,000 sites × 50 columns + 20,000 accounts (122,000 pages: 100,000 list pages,
# 2,000 homepages, 20,000 RSS feeds); SCALE=0.25 a quarter of the sites and accounts. All sites
# are on one host (127.0.0.1), so the config lifts the per-host limits (64 connections, no
# delay). Prints wall time, CPU seconds per 1,000 pages, peak RSS, pages/s, and how many
# targets were stored. Generated data lives in a temp dir (removed at exit; KEEP=1 keeps it).
# WRAP="heaptrack -o FILE" runs the daemon under a profiler (RSS and times then include it).
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
scale=${2:-1}
conns=${CONNECTIONS:-64}

server_bin="$build/tests/support/govwatch-fixture-server"
govwatch_bin="$build/daemon/govwatch"
[ -x "$server_bin" ] && [ -x "$govwatch_bin" ] || {
  echo "province_cycle: build govwatch and govwatch-fixture-server in $build first" >&2; exit 1; }

sites=$(python3 -c "print(round(2000 * $scale))")
accounts=$(python3 -c "print(round(20000 * $scale))")
columns=50
pages=$((sites * (columns + 1) + accounts))

work=$(mktemp -d "${TMPDIR:-/tmp}/govwatch-province.XXXXXX")
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [ "${KEEP:-0}" = 1 ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

mkdir -p "$work/root"
"$server_bin" --root "$work/root" --port 0 --port-file "$work/port" --threads 2 &
server_pid=$!
for _ in $(seq 1 100); do [ -s "$work/port" ] && break; sleep 0.05; done
base="http://127.0.0.1:$(cat "$work/port")"

gen_start=$(date +%s.%N)
python3 tests/bench/province_gen.py "$work/root" "$work/province.yaml" "$base" "$work/db/govwatch.db" \
  "$sites" "$columns" "$accounts" "$conns"
printf 'generated %s sites x %s columns + %s accounts (%s pages, %s) in %.1f s\n' "$sites" "$columns" \
  "$accounts" "$pages" "$(du -sh "$work/root" | cut -f1)" "$(python3 -c "import time; print(time.time() - $gen_start)")"

/usr/bin/time -v -o "$work/time.txt" ${WRAP:-} "$govwatch_bin" run --once -c "$work/province.yaml" \
  --log-level "${LOG_LEVEL:-warn}" 2> "$work/daemon.log" && status=0 || status=$?

wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt")
user=$(awk -F': ' '/User time/ {print $2}' "$work/time.txt")
sys=$(awk -F': ' '/System time/ {print $2}' "$work/time.txt")
rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
stored=0
python3 - "$work/db/govwatch.db" "$pages" "$wall" "$user" "$sys" "$rss_kb" "$status" <<'PY' || stored=$?
import sqlite3, sys
db, pages, wall, user, sys_, rss_kb, status = sys.argv[1:]
pages = int(pages)
parts = [float(p) for p in wall.split(":")]
secs = parts[-1] + 60 * parts[-2] + (3600 * parts[-3] if len(parts) > 2 else 0)
cpu = float(user) + float(sys_)
con = sqlite3.connect(db)
obs = con.execute("SELECT count(*), count(DISTINCT target_id), sum(outcome = 'ok') FROM observations").fetchone()
findings = con.execute("SELECT count(*) FROM findings WHERE resolved_at IS NULL").fetchone()[0]
print(f"exit {status}; {obs[0]} observations of {obs[1]} targets ({obs[2]} ok) for {pages} pages; "
      f"{findings} open findings")
print(f"wall {secs:.1f} s; CPU {cpu:.1f} s (user {user} + sys {sys_}) = {1000 * cpu / pages:.2f} s per "
      f"1,000 pages; peak RSS {int(rss_kb) / 1024:.0f} MB; {pages / secs:.0f} pages/s")
if obs[1] != pages:
    print(f"province_cycle: only {obs[1]} of {pages} targets were stored: not a full cycle")
    sys.exit(1)
PY
if grep -qiE "error|critical" "$work/daemon.log"; then
  echo "daemon log (errors, first 5):"; grep -iE "error|critical" "$work/daemon.log" | head -5
fi
[ "$status" = 0 ] && exit "$stored"
exit "$status"
