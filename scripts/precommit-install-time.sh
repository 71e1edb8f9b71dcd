#!/usr/bin/env bash
# Times a cold install of the Go pre-commit hook from this checkout: empty
# PRE_COMMIT_HOME, module cache and build cache, modules from GOPROXY (so it
# needs the network; CI does not run it). Prints wall and CPU time, what was
# downloaded and compiled, and the binaries the hook environment got.
#
#   bash scripts/precommit-install-time.sh [REV]   # default HEAD
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
rev=$(git -C "$repo" rev-parse "${1:-HEAD}")
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/pre-commit-home" GOMODCACHE="$work/mod" GOCACHE="$work/cache"
export GOFLAGS="${GOFLAGS:-} -modcacherw"

mkdir -p "$work/user" && cd "$work/user" && git init -q .
printf 'repos:\n  - repo: %s\n    rev: %s\n    hooks:\n      - id: infralint\n' "$repo" "$rev" >.pre-commit-config.yaml
echo "rev $rev, load average before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
/usr/bin/time -f "pre-commit install-hooks: %e s wall, %U s user + %S s sys CPU" \
  pre-commit install-hooks >"$work/log" 2>"$work/time" || { cat "$work/log" "$work/time"; exit 1; }
tail -n 1 "$work/time"
echo "downloaded $(du -sh "$GOMODCACHE" | cut -f1), build cache $(du -sh "$GOCACHE" | cut -f1)"
echo "hook binaries: $(ls "$(find "$PRE_COMMIT_HOME" -type d -path '*/golangenv-*/bin' | head -n 1)" | tr '\n' ' ')"
