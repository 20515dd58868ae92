#!/usr/bin/env bash
# Soak: the daemon for MINUTES against loopback hosts with injected faults (issue 3, "Figures to
# reach"): slow replies and drips, resets, 503/500, redirect loops, on 10 s intervals.
#   tests/bench/soak.sh [BUILD_DIR] [MINUTES]      (default 30 minutes)
# Every 10 s samples the daemon's VmRSS and govwatch_scheduler_lag_seconds (/metrics) into
# samples.csv; at the end sends SIGTERM and reports RSS after warm-up (the first fifth of the run,
# at least 2 minutes) against the last sample, the largest lag sample, and the exit status.
# Exit status 0 only when the daemon stayed alive, exited 0 on SIGTERM and RSS stayed within 5 %.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
minutes=${2:-30}

fault_bin="$build/tests/bench/soak-fault-server"
govwatch_bin="$build/daemon/govwatch"
[ -x "$fault_bin" ] && [ -x "$govwatch_bin" ] || {
  echo "soak: build govwatch and soak-fault-server in $build first" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/govwatch-soak.XXXXXX")
fault_pid=""
daemon_pid=""
cleanup() {
  for p in $daemon_pid $fault_pid; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  if [ "${KEEP:-0}" = 1 ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

"$fault_bin" "$work/ports" 2> "$work/fault.log" &
fault_pid=$!
for _ in $(seq 1 100); do [ -s "$work/ports" ] && [ "$(wc -l < "$work/ports")" -ge 4 ] && break; sleep 0.05; done

# 24 sites × 24 columns spread over the four hosts (each site's homepage on its own host), plus 60
# accounts (feeds on the good and flaky hosts): 660 targets, each every 10 s.
python3 - "$work/ports" "$work/soak.yaml" "$work/db/govwatch.db" <<'PY'
import sys
ports = dict(line.split() for line in open(sys.argv[1]))
hosts = ["good", "slow", "flaky", "loop"]
base = {h: f"http://127.0.0.1:{ports[h]}" for h in hosts}
kinds = ["news", "notice", "policy", "personnel", "planning", "disclosure"]
with open(sys.argv[2], "w", encoding="utf-8") as y:
    y.write(f"storage: {{path: '{sys.argv[3]}'}}\n")
    y.write("http: {max_connections: 32, max_connections_per_host: 4, per_host_delay: 100ms, "
            "connect_timeout: 2s, total_timeout: 6s, retries: 1}\n")
    y.write("web: {listen: '127.0.0.1:0'}\n")
    y.write("default_profile: soak\nprofiles:\n  soak:\n    homepage_interval: 10s\n"
            "    account_interval: 10s\n    column_default_interval: 10s\n"
            "    column_interval: {news: 10s}\n")
    y.write("units: [{id: u, name: 某市人民政府办公室, region: 市本级}]\nsites:\n")
    for s in range(24):
        y.write(f"  - {{id: s{s}, name: 网站{s}, unit: u, homepage: '{base[hosts[s % 4]]}/s{s}/index.html', columns: [\n")
        for c in range(24):
            h = hosts[(s + c) % 4]
            path = f"/s{s}/c{c}/self" if h == "loop" and c % 8 == 0 else f"/s{s}/c{c}.html"
            y.write(f"      {{id: c{c}, name: 栏目{c}, kind: {kinds[c % 6]}, url: '{base[h]}{path}'}},\n")
        y.write("    ]}\n")
    y.write("accounts:\n")
    for a in range(60):
        h = "flaky" if a % 4 == 0 else "good"
        y.write(f"  - {{id: acct{a}, name: 发布{a}, platform: wechat, unit: u, "
                f"source: {{type: feed, url: '{base[h]}/feeds/{a}.xml'}}}}\n")
PY

"$govwatch_bin" run -c "$work/soak.yaml" --log-level info 2> "$work/daemon.log" &
daemon_pid=$!
metrics=""
for _ in $(seq 1 200); do
  metrics=$(sed -nE 's|.*(http://127\.0\.0\.1:[0-9]+/metrics).*|\1|p' "$work/daemon.log" | head -1)
  [ -n "$metrics" ] && break; sleep 0.05
done
[ -n "$metrics" ] || { echo "soak: the daemon did not start:"; cat "$work/daemon.log"; exit 1; }
echo "soak: daemon pid $daemon_pid, $metrics, $minutes min; samples in $work/samples.csv"

echo "elapsed_s,rss_kb,lag_s,alive" > "$work/samples.csv"
end=$(( $(date +%s) + minutes * 60 ))
start=$(date +%s)
alive=1
while [ "$(date +%s)" -lt "$end" ]; do
  sleep 10
  if ! kill -0 "$daemon_pid" 2>/dev/null; then alive=0; break; fi
  rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$daemon_pid/status")
  lag=$(curl -s --max-time 5 "$metrics" | awk '$1 == "govwatch_scheduler_lag_seconds" {print $2}')
  echo "$(( $(date +%s) - start )),$rss,${lag:-nan},1" >> "$work/samples.csv"
done

status=-1
if [ "$alive" = 1 ]; then
  kill -TERM "$daemon_pid"
  wait "$daemon_pid" && status=0 || status=$?
else
  wait "$daemon_pid" && status=0 || status=$?
fi
daemon_pid=""
kill -TERM "$fault_pid"; wait "$fault_pid" || true; fault_pid=""

python3 - "$work/samples.csv" "$minutes" "$alive" "$status" "$work/daemon.log" "$work/fault.log" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
minutes, alive, status = float(sys.argv[2]), sys.argv[3] == "1", int(sys.argv[4])
log = open(sys.argv[5], encoding="utf-8", errors="replace").read().splitlines()
print(open(sys.argv[6]).read().strip())
warm = max(120, minutes * 60 / 5)
after = [r for r in rows if int(r["elapsed_s"]) >= warm] or rows[-1:]
rss0, rss1 = int(after[0]["rss_kb"]), int(rows[-1]["rss_kb"])
peak = max(int(r["rss_kb"]) for r in rows)
lags = [float(r["lag_s"]) for r in rows if r["lag_s"] not in ("nan", "")]
change = 100.0 * (rss1 - rss0) / rss0
warns = sum(" [warning] " in l for l in log)
errors = [l for l in log if " [error] " in l or " [critical] " in l]
print(f"samples {len(rows)} over {rows[-1]['elapsed_s']} s; alive to the end: {alive}; "
      f"exit status on SIGTERM: {status}")
print(f"RSS after warm-up (t={after[0]['elapsed_s']} s) {rss0 / 1024:.1f} MB, at the end "
      f"{rss1 / 1024:.1f} MB: {change:+.1f} %; peak {peak / 1024:.1f} MB")
print(f"scheduler lag (10 s samples of the last run's lag): max {max(lags) if lags else float('nan'):.3f} s, "
      f"median {sorted(lags)[len(lags) // 2] if lags else float('nan'):.3f} s")
print(f"daemon log: {warns} warnings (failed fetches), {len(errors)} errors")
for l in errors[:5]: print("  " + l)
sys.exit(0 if alive and status == 0 and abs(change) <= 5 else 1)
PY
