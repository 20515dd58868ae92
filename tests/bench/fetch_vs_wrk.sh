#!/usr/bin/env bash
# Fetch and probe throughput against wrk on the same loopback server, same pages, same
# connections, same run.
#   tests/bench/fetch_vs_wrk.sh [BUILD_DIR] [CONNECTIONS] [SECONDS]
# Prints three figures: wrk pages/s; fetch_bench pages/s (FetchAll alone); and a whole
# `govwatch probe` of 2,000 columns (40 sites × 50 columns, plus their 40 homepages): fetch,
# extract, store in SQLite and check, wall time from start to exit.
# Generates 2,000 list pages (GBK and UTF-8 mix is left out on purpose: wrk does not decode),
# serves them with govwatch-fixture-server, runs wrk (rotating over all pages with a Lua
# script) and then fetch_bench, and prints pages/s of both and the ratio.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
connections=${2:-32}
seconds=${3:-5}
pages=2000

command -v wrk >/dev/null || { echo "fetch_vs_wrk: wrk is not installed (apt-get install wrk)" >&2; exit 1; }
server_bin="$build/tests/support/govwatch-fixture-server"
bench_bin="$build/tests/bench/fetch_bench"
[ -x "$server_bin" ] && [ -x "$bench_bin" ] || {
  echo "fetch_vs_wrk: build govwatch-fixture-server and fetch_bench in $build first" >&2; exit 1; }

work=$(mktemp -d /tmp/govwatch-fetch-bench.XXXXXX)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# A typical 政府网站 column page: navigation, 20 dated items, footer (~6 KB).
mkdir -p "$work/root/list"
python3 - "$work/root/list" "$pages" <<'PY'
import sys
out, n = sys.argv[1], int(sys.argv[2])
nav = "".join(f'<li><a href="/col{i}/">栏目{i}</a></li>' for i in range(12))
for p in range(1, n + 1):
    items = "".join(
        f'<li><a href="/art/{p}_{i}.html">固原市人民政府办公室关于做好第{i}项政务公开工作的通知</a>'
        f'<span>{{{{date:-{i + p % 30}d}}}}</span></li>' for i in range(20))
    with open(f"{out}/{p}.html", "w", encoding="utf-8") as f:
        f.write(f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>通知公告 {p}</title>'
                f'</head><body><ul class="nav">{nav}</ul><div class="list"><ul>{items}</ul></div>'
                f'<div class="footer">主办：固原市人民政府办公室 宁ICP备00000000号</div></body></html>')
PY

"$server_bin" --root "$work/root" --port 0 --port-file "$work/port" --threads 1 &
server_pid=$!
for _ in $(seq 1 100); do [ -s "$work/port" ] && break; sleep 0.05; done
port=$(cat "$work/port")
base="http://127.0.0.1:$port"

cat > "$work/rotate.lua" <<LUA
local i = 0
request = function()
  i = i % $pages + 1
  return wrk.format(nil, "/list/" .. i .. ".html")
end
LUA
# Warm the server's file cache so neither side pays for the first read.
"$bench_bin" --base "$base" --pages "$pages" --connections "$connections" --rounds 1 >/dev/null

wrk_out=$(wrk -t1 -c"$connections" -d"${seconds}s" -s "$work/rotate.lua" "$base/")
wrk_rps=$(echo "$wrk_out" | awk '/Requests\/sec/ {print $2}')
echo "$wrk_out" | sed 's/^/  wrk | /'

rounds=$(python3 -c "print(max(1, round($wrk_rps * $seconds / 2 / $pages)))")
bench_out=$("$bench_bin" --base "$base" --pages "$pages" --connections "$connections" --rounds "$rounds")
echo "  $bench_out"
fetch_rps=$(echo "$bench_out" | sed -E 's/.*= ([0-9]+) pages\/s.*/\1/')

printf 'connections=%s pages=%s: wrk %.0f pages/s, govwatch fetch %.0f pages/s, ratio %.2f\n' \
  "$connections" "$pages" "$wrk_rps" "$fetch_rps" "$(python3 -c "print($fetch_rps / $wrk_rps)")"

# The whole probe: 40 sites × 50 columns served by the same server.
python3 - "$work/probe.yaml" "$base" "$connections" "$work/probe.db" <<'PY'
import sys
path, base, conns, db = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
kinds = ["news", "notice", "policy", "personnel", "planning"]
with open(path, "w", encoding="utf-8") as f:
    f.write(f"storage: {{path: {db}}}\n")
    f.write(f"http: {{max_connections: {conns}, max_connections_per_host: {conns}, per_host_delay: 0s}}\n")
    f.write("units: [{id: u, name: 固原市人民政府办公室, region: 市本级}]\nsites:\n")
    page = 0
    for s in range(40):
        f.write(f"  - {{id: s{s}, name: 网站{s}, unit: u, homepage: '{base}/list/{s + 1}.html', columns: [\n")
        for c in range(50):
            page += 1
            f.write(f"      {{id: c{c}, name: 栏目{c}, kind: {kinds[c % 5]}, url: '{base}/list/{page}.html'}},\n")
        f.write("    ]}\n")
PY
govwatch_bin="$build/daemon/govwatch"
probe_pages=2040
start=$(date +%s.%N)
"$govwatch_bin" probe -c "$work/probe.yaml" --format json all > "$work/probe.json"
end=$(date +%s.%N)
probe_rps=$(python3 -c "print($probe_pages / ($end - $start))")
unreadable=$(python3 -c "import json; print(json.load(open('$work/probe.json'))['summary']['unreadable'])")
printf 'probe of %s pages (fetch+extract+store+check): %.0f pages/s (%s unreadable), ratio to wrk %.3f\n' \
  "$probe_pages" "$probe_rps" "$unreadable" "$(python3 -c "print($probe_rps / $wrk_rps)")"
