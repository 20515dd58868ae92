#!/usr/bin/env bash
# The shipped unit passes `systemd-analyze verify`, and `systemd-analyze security` rates it
# "OK" or better (exposure ≤ 4.0; the figure is printed for docs/operations.md).
#   systemd_unit_test.sh UNIT_TEMPLATE BIN_DIR
set -euo pipefail
template=$1
bin_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sed -e "s#@GOVWATCH_BIN_DIR@#$bin_dir#g" -e "s#@GOVWATCH_DOC_DIR@#/usr/share/doc/govwatch#g" \
  "$template" > "$work/govwatch.service"
if grep -q '@[A-Z_]*@' "$work/govwatch.service"; then
  echo "unsubstituted placeholders:"; grep '@[A-Z_]*@' "$work/govwatch.service"; exit 1
fi
cd "$work"
systemd-analyze verify ./govwatch.service
security=$(systemd-analyze security --offline=true ./govwatch.service 2>&1)
exposure=$(echo "$security" | sed -n 's/.*Overall exposure level for govwatch.service: \([0-9.]*\) \([A-Z]*\).*/\1 \2/p')
echo "systemd-analyze security: exposure $exposure"
score=${exposure%% *}
awk -v s="$score" 'BEGIN { exit !(s != "" && s <= 4.0) }' || {
  echo "exposure '$exposure' is worse than OK (4.0)"; echo "$security" | tail -30; exit 1; }
