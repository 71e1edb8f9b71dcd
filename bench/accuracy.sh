#!/usr/bin/env bash
# The accuracy comparison of issue 14: the capacity model against the
# simulator on random but realistic stacks (bench/accuracy/gen.go), at
# peak, every compute tier and database, each simulated until its mean's
# and p99's 95 % intervals are below 3 % of their values. Prints one line
# per tier, then the distribution of the errors and the worst case.
# Usage: bench/accuracy.sh [--stacks N] [--seed S] [go run flags of
#        bench/accuracy: -requests, -max-requests, -interval, -from]
#   defaults: 50 stacks, seed 1; takes minutes (about 10 on 2 cores).
# One stack's CUE: go run ./bench/accuracy -source -from K -stacks 1
set -euo pipefail
cd "$(dirname "$0")/.."
stacks=50
seed=1
extra=()
while [ $# -gt 0 ]; do
  case $1 in
  --stacks) stacks=$2; shift ;;
  --seed) seed=$2; shift ;;
  -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
  *) extra+=("$1") ;;
  esac
  shift
done
go build -o /tmp/infralint-accuracy.$$ ./bench/accuracy
trap 'rm -f /tmp/infralint-accuracy.$$' EXIT
/tmp/infralint-accuracy.$$ -stacks "$stacks" -seed "$seed" "${extra[@]}"
