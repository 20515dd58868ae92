#!/usr/bin/env bash
# Full link check of a 10,000-page site with 50,000 links, served by nginx on loopback:
# govwatch crawl vs linkinator 7 (npm), linkchecker (Debian, per-request wait off) and
# wget --spider -r (the plain-crawl floor), same site, same run.
#   tests/bench/link_check.sh [BUILD_DIR] [PAGES]
# Prints wall time and peak RSS (/usr/bin/time -v) of each, the ratios, and whether govwatch
# found every broken link the others found. Installs nginx-light, linkchecker (apt) and
# linkinator@7 (npm, into the temp dir) when missing. Exit 1 when govwatch misses a broken link
# another tool found; a URL another tool calls broken but that answers 200 on a re-check after
# all runs is reported as that tool's false positive, not as a miss.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=$(realpath "${1:-build}")
pages=${2:-10000}
govwatch="$build/daemon/govwatch"
[ -x "$govwatch" ] || { echo "link_check: build govwatch in $build first" >&2; exit 1; }

need_apt=()
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need_apt+=(nginx-light)
command -v linkchecker >/dev/null || need_apt+=(linkchecker)
[ -x /usr/bin/time ] || need_apt+=(time)
command -v npm >/dev/null || need_apt+=(npm)
if [ ${#need_apt[@]} -gt 0 ]; then apt-get install -y "${need_apt[@]}" >/dev/null; fi

work=$(mktemp -d /tmp/govwatch-linkbench.XXXXXX)
chmod 755 "$work"  # linkchecker drops root privileges to nobody
nginx_pid=""
cleanup() {
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

port_free() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
site_port=$(port_free)
ext_port=$(port_free)
site="http://127.0.0.1:$site_port"
ext="http://127.0.0.1:$ext_port"

# The site: page i links to its three children in a tree (every page reachable, depth ≈ 9), to
# one random page, and to one more link that is broken on the site (~8 %), external (~20 %, a
# tenth of those 404 on the second server) or another random page. 5 links a page.
python3 - "$work" "$pages" "$ext" <<'PY'
import os, random, sys
work, n, ext = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rnd = random.Random(42)
os.makedirs(f"{work}/site/p", exist_ok=True)
os.makedirs(f"{work}/ext/e", exist_ok=True)
links = 0
for i in range(n):
    out = []
    for c in (3 * i + 1, 3 * i + 2, 3 * i + 3):
        out.append(f'<a href="/p/{c % n}.html">第{c % n}页</a>')
    out.append(f'<a href="/p/{rnd.randrange(n)}.html">相关</a>')
    r = rnd.random()
    if r < 0.08:
        out.append(f'<a href="/missing/{i}.html">已失效</a>')
    elif r < 0.28:
        e = rnd.randrange(2000)
        out.append(f'<a href="{ext}/e/{e}.html">外站{e}</a>')
    else:
        out.append(f'<a href="/p/{rnd.randrange(n)}.html">推荐</a>')
    links += len(out)
    body = "".join(f"<li>{a}</li>" for a in out)
    path = f"{work}/site/index.html" if i == 0 else f"{work}/site/p/{i}.html"
    with open(path, "w", encoding="utf-8") as f:
        f.write(f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>第{i}页 某市人民政府</title>'
                f'</head><body><h1>政务公开 第{i}页</h1><p>{"本页为基准测试生成的政府网站页面内容。" * 20}</p>'
                f'<ul>{body}</ul></body></html>')
# /p/0.html is the homepage too (children of page 0 link to /p/0.html when wrapping).
os.link(f"{work}/site/index.html", f"{work}/site/p/0.html")
for e in range(2000):
    if e % 10 == 9:
        continue  # missing on the external server: 404
    with open(f"{work}/ext/e/{e}.html", "w", encoding="utf-8") as f:
        f.write(f"<html><head><title>外站 {e}</title></head><body>友好网站 {e}</body></html>")
print(f"generated {n} pages, {links} links", file=sys.stderr)
PY

# nginx with its own prefix and config, not the system service. The LinkChecker header lets
# linkchecker go above its default 10 requests/s per host (its documented switch).
mkdir -p "$work/nginx/logs"
cat > "$work/nginx/nginx.conf" <<CONF
daemon off;
worker_processes 2;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  default_type text/html;
  types { text/html html; }
  keepalive_requests 100000;
  server { listen 127.0.0.1:$site_port backlog=4096; root $work/site; add_header LinkChecker 1; }
  server { listen 127.0.0.1:$ext_port backlog=4096; root $work/ext; add_header LinkChecker 1; }
}
CONF
/usr/sbin/nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" &
nginx_pid=$!
for _ in $(seq 1 100); do curl -sf "$site/" >/dev/null && break; sleep 0.05; done

# Tools.
if [ ! -x "$work/npm/node_modules/.bin/linkinator" ]; then
  (cd "$work" && mkdir -p npm && cd npm && npm install --silent --no-audit --no-fund linkinator@7 >/dev/null)
fi
linkinator="$work/npm/node_modules/.bin/linkinator"

cat > "$work/govwatch.yaml" <<YAML
units:
  - id: bench
    name: 基准测试单位
sites:
  - id: bench
    name: 基准测试网站
    unit: bench
    homepage: $site/
storage:
  path: $work/govwatch.db
http:
  per_host_delay: 0s
  max_connections: 64
  max_connections_per_host: 32
  retries: 0
crawl:
  enabled: true
  max_depth: 100
  max_pages_per_site_per_day: 1000000
  concurrency: 64
YAML
cat > "$work/linkcheckerrc" <<RC
[checking]
threads=32
maxrequestspersecond=100000
[filtering]
checkextern=1
[output]
status=0
RC

# measure NAME CMD...: wall seconds and peak RSS (kB) into $work/NAME.time
measure() {
  local name=$1; shift
  /usr/bin/time -v -o "$work/$name.time" "$@" > "$work/$name.out" 2> "$work/$name.err" || true
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$work/$name.time")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/$name.time")
  echo "$name $wall $rss" >> "$work/results"
  printf '%-12s %8.2f s %9.1f MB\n' "$name" "$wall" "$(echo "$rss / 1024" | bc -l)"
}

echo "site $site ($pages pages), external $ext"
measure govwatch "$govwatch" crawl -c "$work/govwatch.yaml" --format json bench
measure linkinator "$linkinator" "$site/" --recurse --concurrency 100 --timeout 30000 --format json
measure linkchecker linkchecker -f "$work/linkcheckerrc" --no-warnings -r 1000 -o csv "$site/"
measure wget wget --spider -r -l inf -nd -nv -e robots=off -P "$work/wget" "$site/"

# Broken URLs each tool reports.
status=0
python3 - "$work" <<'PY' || status=$?
import csv, io, json, re, sys
work = sys.argv[1]
def read(name):
    return open(f"{work}/{name}", encoding="utf-8", errors="replace").read()
found = {}
g = json.loads(read("govwatch.out").strip().splitlines()[-1])
found["govwatch"] = {b["url"] for b in g["broken"]}
print(f"govwatch: {g['pages']} pages parsed, {g['links_found']} links, {g['links_checked']} "
      f"distinct checked, availability {g['availability']:.4f}")
reported = {}  # linkinator's status per broken URL, to explain its verdicts
try:
    li = json.loads(read("linkinator.out"))
    found["linkinator"] = {l["url"] for l in li["links"] if l["state"] == "BROKEN"}
    reported = {l["url"]: l.get("status") for l in li["links"] if l["state"] == "BROKEN"}
except Exception as e:
    print("linkinator output unreadable:", e)
rows = [l for l in read("linkchecker.out").splitlines() if l and not l.startswith("#")]
lc = set()
for row in csv.DictReader(io.StringIO("\n".join(rows)), delimiter=";"):
    if row.get("valid") == "False":
        lc.add(row.get("url") or row.get("urlname"))
found["linkchecker"] = lc
w = set(re.findall(r"^(http://\S+)$", read("wget.err").split("broken link")[-1], re.M)) \
    if "broken link" in read("wget.err") else set()
found["wget"] = w
import urllib.request, urllib.error
def answers_ok(url):
    """Re-checks a disputed URL after all runs, so a tool's transient failure (a reset or
    timeout under its own load) is told from a link that is really broken."""
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return 200 <= r.status < 300
    except (urllib.error.URLError, OSError):
        return False
ok = True
for tool, urls in found.items():
    missed = urls - found["govwatch"]
    working = {u for u in missed if answers_ok(u)}
    real = missed - working
    print(f"{tool:12s} broken {len(urls):5d}  missed by govwatch {len(real)}"
          + (f"  (+{len(working)} that answer 200 on re-check: {tool}'s own false positives)"
             if working else ""))
    for u in sorted(real)[:5]:
        print("   ", u)
    for u in sorted(working)[:3]:
        print("    not broken:", u, f"({tool} status {reported.get(u)})" if u in reported else "")
    if real:
        ok = False
    found[tool] = urls - working
others = set().union(*(u for t, u in found.items() if t != "govwatch"))
extra = found["govwatch"] - others
print(f"govwatch only: {len(extra)}", *sorted(extra)[:5], sep="\n    ")
sys.exit(0 if ok else 1)
PY
awk '{t[$1]=$2; r[$1]=$3} END { for (k in t) if (k != "govwatch")
  printf "govwatch vs %-12s %6.1fx faster, %5.2fx the memory\n", k, t[k]/t["govwatch"],
         r["govwatch"]/r[k] }' "$work/results"
exit $status
