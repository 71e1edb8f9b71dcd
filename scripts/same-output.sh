#!/usr/bin/env bash
# Compares the output of two infralint builds, byte for byte, on every
# example and on generated stacks of 50 and 1,000 components: check (text,
# JSON, SARIF), cost, capacity and report --no-diagram, with exit codes.
# A speed change must leave all of them identical.
#
#   bash scripts/same-output.sh OLD_BINARY [NEW_BINARY]
# NEW_BINARY defaults to a build of the working tree.
set -euo pipefail
cd "$(dirname "$0")/.."
old=${1:?usage: same-output.sh OLD_BINARY [NEW_BINARY]}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
new=${2:-}
if [ -z "$new" ]; then
	new=$work/infralint
	go build -o "$new" ./cmd/infralint
fi
go run ./bench/gen -n 50 >"$work/gen50.cue"
go run ./bench/gen -n 1000 >"$work/gen1000.cue"

inputs=()
for d in examples/*/; do
	if [ -f "$d/stack.cue" ]; then inputs+=("$d/stack.cue"); else inputs+=("${d%/}"); fi
done
inputs+=("$work/gen50.cue" "$work/gen1000.cue")

runs=(
	"check --format text"
	"check --format json"
	"check --format sarif"
	"cost"
	"capacity"
	"report --no-diagram"
)
n=0 bad=0
for in in "${inputs[@]}"; do
	for r in "${runs[@]}"; do
		n=$((n + 1))
		# shellcheck disable=SC2086 # r holds the command and its flags
		{ "$old" $r "$in" >"$work/old.out" 2>"$work/old.err"; echo "exit $?" >>"$work/old.err"; } || true
		# shellcheck disable=SC2086
		{ "$new" $r "$in" >"$work/new.out" 2>"$work/new.err"; echo "exit $?" >>"$work/new.err"; } || true
		if ! cmp -s "$work/old.out" "$work/new.out" || ! cmp -s "$work/old.err" "$work/new.err"; then
			bad=$((bad + 1))
			echo "DIFFERS: $r $in"
			diff "$work/old.out" "$work/new.out" | head -5 || true
			diff "$work/old.err" "$work/new.err" | head -5 || true
		fi
	done
done
echo "$n comparisons, $bad differ"
[ "$bad" -eq 0 ]
