#!/usr/bin/env bash
# Times `infralint check` against `cue vet` of the same stack and schema, for
# generated stacks of 10, 100, 1,000 and 5,000 components, and prints a
# Markdown table (median wall time of RUNS runs, peak RSS).
# Usage: bench/run.sh [RUNS]   (installs cue and GNU time when missing)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

export PATH="$HOME/go/bin:$PATH"
command -v cue >/dev/null || go install cuelang.org/go/cmd/cue@v0.17.1
if [ ! -x /usr/bin/time ]; then apt-get update -qq && apt-get install -y -qq time >/dev/null; fi
go build -o "$work/infralint" ./cmd/infralint

# cue vet sees exactly what infralint evaluates: the embedded schema and the
# stack unified with #Stack, in one package.
sed 's/^package schema/package stack/' schema/schema.cue > "$work/schema.cue"

measure() { # prints "median_seconds max_rss_mb" of RUNS runs of the command
  local times=() rss=0
  for _ in $(seq "$runs"); do
    local out
    # -o: time's own redirections would otherwise swallow its report.
    /usr/bin/time -o "$work/time" -f "%e %M" "$@" >/dev/null 2>&1 || true
    out=$(tail -1 "$work/time")
    times+=("${out% *}")
    local kb=${out#* }
    (( kb > rss )) && rss=$kb
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$median $((rss / 1024))"
}

echo "| components | lines | cue vet (s) | cue vet peak (MB) | infralint check (s) | infralint peak (MB) | ratio |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
for n in 10 100 1000 5000; do
  go run ./bench/gen -n "$n" > "$work/stack.cue"
  { echo "package stack"; echo; echo "#Stack"; cat "$work/stack.cue"; } > "$work/vet.cue"
  lines=$(wc -l < "$work/stack.cue")
  read -r cue_s cue_mb < <(measure cue vet -c "$work/schema.cue" "$work/vet.cue")
  read -r il_s il_mb < <(measure "$work/infralint" check --severity error "$work/stack.cue")
  ratio=$(awk -v a="$il_s" -v b="$cue_s" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')
  echo "| $n | $lines | $cue_s | $cue_mb | $il_s | $il_mb | $ratio |"
done
