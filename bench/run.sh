#!/usr/bin/env bash
# Times `infralint check --severity error` against `cue vet -c` of the same
# generated stack unified with the same schema, as alternating pairs of runs
# (cue vet, then infralint) so that both see the same load, and prints a
# Markdown table: medians of wall and of CPU (user + system) time, the
# largest peak RSS, and the ratios infralint / cue vet.
# Usage: bench/run.sh [--smoke] [--pairs N] [--comprehension] [SIZE...]
#        bench/run.sh [--pairs N] --report TIERS...
#   defaults: 9 pairs at 50 and 1000 components; --smoke: 1 pair at 50,
#   the same made by a comprehension, and a report of 30 tiers.
#   --comprehension: the components come from one CUE comprehension.
#   --report: times `infralint report --no-diagram` of TIERS compute tiers
#   (no cue vet: there is no floor to compare with) and the page's size.
# INFRALINT=path times that binary instead of one built from this tree (to
# compare with an older commit). Installs cue v0.17.1 when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
pairs=9
sizes=()
mode=check
gen_flags=()
smoke=false
while [ $# -gt 0 ]; do
  case $1 in
  --smoke) pairs=1 sizes=(50) smoke=true ;;
  --pairs) pairs=$2; shift ;;
  --comprehension) gen_flags=(-comprehension) ;;
  --report) mode=report ;;
  -*) echo "usage: bench/run.sh [--smoke] [--pairs N] [--comprehension] [SIZE...] | [--pairs N] --report TIERS..." >&2; exit 2 ;;
  *) sizes+=("$1") ;;
  esac
  shift
done
if [ ${#sizes[@]} -eq 0 ]; then
  if [ $mode = report ]; then sizes=(300); else sizes=(50 1000); fi
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

export PATH="$(go env GOPATH)/bin:$PATH"
if [ "$(cue version 2>/dev/null | head -1)" != "cue version v0.17.1" ]; then
  go install cuelang.org/go/cmd/cue@v0.17.1
fi
go build -o "$work/" ./cmd/infralint ./bench/measure ./bench/gen
infralint=${INFRALINT:-$work/infralint}

# cue vet sees exactly what infralint evaluates: the embedded schema and the
# stack unified with #Stack, in one package.
sed 's/^package schema/package stack/' schema/schema.cue > "$work/schema.cue"

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
column() { awk -v c="$1" '{print $c}' "$2"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
ms() { awk -v s="$1" 'BEGIN { printf "%.1f", s * 1000 }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }

# run TOOL FILE COMMAND...: one measured run, appended to FILE; both tools
# must accept the stack (exit 0), or the timing means nothing.
run() {
  local tool=$1 file=$2
  shift 2
  local out
  out=$("$work/measure" "$@")
  if [ "${out##* }" != 0 ]; then
    echo "$tool exited ${out##* } on $n components" >&2
    "$@" >&2 || true
    exit 1
  fi
  echo "$out" >>"$file"
}

# report N: the report of N tiers, $pairs runs after an unmeasured one.
report() {
  local n=$1
  "$work/gen" -tiers "$n" >"$work/tiers.cue"
  local cmd=("$infralint" report --no-diagram "$work/tiers.cue" -o "$work/report.html")
  : >"$work/report.$n"
  run "infralint report" /dev/null "${cmd[@]}"
  for _ in $(seq "$pairs"); do
    run "infralint report" "$work/report.$n" "${cmd[@]}"
  done
  local w c m
  w=$(column 1 "$work/report.$n" | median) c=$(column 2 "$work/report.$n" | median)
  m=$(column 3 "$work/report.$n" | sort -n | tail -1)
  echo "| $n | $(ms "$w") | $(ms "$c") | $(mib "$m") | $(awk -v b="$(wc -c <"$work/report.html")" 'BEGIN { printf "%.2f", b / 1048576 }') |"
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); runs per size: $pairs"
echo
if [ $mode = report ]; then
  echo "| tiers | report wall (ms) | report CPU (ms) | peak (MiB) | page (MiB) |"
  echo "|---:|---:|---:|---:|---:|"
  for n in "${sizes[@]}"; do report "$n"; done
  echo
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
  exit 0
fi
# check_table: the check/cue vet pairs at every size, as one table.
check_table() {
  echo "| components | cue vet wall (ms) | check wall (ms) | wall ratio | cue vet CPU (ms) | check CPU (ms) | CPU ratio | cue vet peak (MiB) | check peak (MiB) | peak ratio |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  for n in "${sizes[@]}"; do
    "$work/gen" "${gen_flags[@]}" -n "$n" >"$work/stack.cue"
    # A comprehension's import stays at the top, above #Stack.
    { echo "package stack"; grep '^import' "$work/stack.cue" || true; echo; echo "#Stack"; grep -v '^import' "$work/stack.cue"; } >"$work/vet.cue"
    vet=(cue vet -c "$work/schema.cue" "$work/vet.cue")
    check=("$infralint" check --severity error "$work/stack.cue")
    : >"$work/vet.$n" && : >"$work/check.$n"
    run "cue vet" /dev/null "${vet[@]}" # warm the page cache, unmeasured
    run "infralint" /dev/null "${check[@]}"
    for _ in $(seq "$pairs"); do
      run "cue vet" "$work/vet.$n" "${vet[@]}"
      run "infralint" "$work/check.$n" "${check[@]}"
    done
    vw=$(column 1 "$work/vet.$n" | median) cw=$(column 1 "$work/check.$n" | median)
    vc=$(column 2 "$work/vet.$n" | median) cc=$(column 2 "$work/check.$n" | median)
    vm=$(column 3 "$work/vet.$n" | sort -n | tail -1) cm=$(column 3 "$work/check.$n" | sort -n | tail -1)
    echo "| $n | $(ms "$vw") | $(ms "$cw") | $(ratio "$cw" "$vw") | $(ms "$vc") | $(ms "$cc") | $(ratio "$cc" "$vc") | $(mib "$vm") | $(mib "$cm") | $(ratio "$cm" "$vm") |"
  done
}
check_table
if $smoke; then
  echo
  gen_flags=(-comprehension)
  check_table
  echo
  echo "| tiers | report wall (ms) | report CPU (ms) | peak (MiB) | page (MiB) |"
  echo "|---:|---:|---:|---:|---:|"
  report 30
fi
echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
