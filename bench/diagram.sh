#!/usr/bin/env bash
# Diagram figures for the notes (not run by CI; the tool never needs system Graphviz):
#  1. start-up: `infralint check` as built, against the same binary linking
#     go-graphviz (-tags linkgraphviz), with and without go-graphviz's
#     WebAssembly compilation cache;
#  2. rendering a generated 500-component stack to SVG: the Go benchmark
#     (WebAssembly Graphviz 12 in process) and native `dot` from Debian's
#     graphviz package on the same DOT.
# Usage: bench/diagram.sh [RUNS]   (installs hyperfine and graphviz when missing)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

missing=()
command -v hyperfine >/dev/null || missing+=(hyperfine)
command -v dot >/dev/null || missing+=(graphviz)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
fi

go build -o "$work/plain/" ./cmd/infralint ./cmd/infralint-diagram
go build -tags linkgraphviz -o "$work/linked/" ./cmd/infralint
stack=examples/web-asg-rds-cache/stack.cue

echo "== start-up: infralint check $stack"
# check exits 1 on findings; -i ignores that.
hyperfine -N -i -w 2 -r "$runs" \
  -n "check (no go-graphviz)" "$work/plain/infralint check $stack" \
  -n "check linking go-graphviz, warm cache" "$work/linked/infralint check $stack" \
  -n "rules (start-up only)" "$work/plain/infralint rules" \
  -n "rules linking go-graphviz, warm cache" "$work/linked/infralint rules"
mkdir -p "$work/tmp"
hyperfine -i -w 1 -r "$runs" --prepare "rm -rf $work/tmp/go-graphviz" \
  -n "check linking go-graphviz, no cache" "TMPDIR=$work/tmp $work/linked/infralint check $stack"

echo "== diagram of the same stack, end to end"
hyperfine -N -w 1 -r "$runs" \
  -n "diagram -o .dot (in process)" "$work/plain/infralint diagram $stack -o $work/s.dot" \
  -n "diagram -o .svg (execs infralint-diagram)" "$work/plain/infralint diagram $stack -o $work/s.svg"

echo "== 500-component generated stack to SVG"
go test ./render/diagram -run '^$' -bench 'Build500|RenderSVG500' -benchtime 5x
go test ./render/diagram -run TestWriteBenchDOT -bench-dot="$work/gen500.dot" >/dev/null
dot -V
hyperfine -N -w 1 -r 5 \
  -n "native dot -Tsvg" "dot -Tsvg $work/gen500.dot -o $work/native.svg" \
  -n "infralint-diagram --format svg" "sh -c '$work/plain/infralint-diagram --format svg < $work/gen500.dot > $work/wasm.svg'"
