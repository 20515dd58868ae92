#!/usr/bin/env bash
# The shipped Prometheus rules and Alertmanager example are valid and behave as their unit tests
# say: `promtool check rules`, `promtool test rules` (config/prometheus/govwatch-rules.test.yml),
# `promtool check config` on the example prometheus.yml, and `amtool check-config` on the
# Alertmanager example with its Chinese template. Usage: prometheus_rules_test.sh SOURCE_DIR
set -euo pipefail
src=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

promtool check rules "$src/config/prometheus/govwatch-rules.yml"
(cd "$src/config/prometheus" && promtool test rules govwatch-rules.test.yml)

# The example prometheus.yml names the rules by their installed path; check it against the copy
# in the source tree.
sed "s#/etc/govwatch/prometheus/govwatch-rules.yml#$src/config/prometheus/govwatch-rules.yml#" \
  "$src/config/prometheus/prometheus.yml" > "$tmp/prometheus.yml"
promtool check config "$tmp/prometheus.yml"

sed "s#/etc/govwatch/alertmanager/govwatch.tmpl#$src/config/alertmanager/govwatch.tmpl#" \
  "$src/config/alertmanager/alertmanager.yml" > "$tmp/alertmanager.yml"
out=$(amtool check-config "$tmp/alertmanager.yml")
echo "$out"
# amtool accepts a template glob that matches nothing; make sure ours was read.
grep -q " - 1 templates" <<<"$out"
grep -q "SUCCESS" <<<"$out"
