#!/usr/bin/env bash
# Runs infralint's pre-commit hooks for real with the pre-commit on the PATH:
# a throwaway git repository with a good and a bad stack and a
# .pre-commit-config.yaml pointing at this checkout (its HEAD commit: commit
# .pre-commit-hooks.yaml changes before running this). Both hooks, the Go one
# (`infralint`) and the installed-binary one (`infralint-system`), must pass
# on the good stack, fail on the bad one naming the finding, ignore
# .infralint.cue, and block a real `git commit` of the bad stack. The Go hook
# must install infralint without the renderer; the system hook must use the
# infralint on the PATH and say so when there is none.
#
# pre-commit builds the Go hook with `go install ./...` from the module cache
# (GOMODCACHE and GOCACHE are passed through, so nothing is downloaded or
# compiled twice).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
command -v pre-commit >/dev/null || { echo "precommit-hook-test: pre-commit is not installed" >&2; exit 1; }
command -v go >/dev/null || { echo "precommit-hook-test: go is not on the PATH" >&2; exit 1; }
rev=$(git -C "$repo" rev-parse HEAD)
git -C "$repo" cat-file -e "$rev:.pre-commit-hooks.yaml" ||
  { echo "precommit-hook-test: .pre-commit-hooks.yaml is not committed at $rev" >&2; exit 1; }

work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/pre-commit-home"
export GOMODCACHE="${GOMODCACHE:-$(go env GOMODCACHE)}"
export GOCACHE="${GOCACHE:-$(go env GOCACHE)}" # warm builds despite HOME below
export GOFLAGS="${GOFLAGS:-} -modcacherw"
export GIT_CONFIG_NOSYSTEM=1 HOME="$work/home"
mkdir -p "$HOME"
git config --global user.email ci@example.com
git config --global user.name CI
git config --global init.defaultBranch main
git config --global protocol.file.allow always

user="$work/user-repo"
mkdir -p "$user/stacks"
cd "$user"
git init -q .

cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $repo
    rev: $rev
    hooks:
      - id: infralint
      - id: infralint-system
YAML

# The system hook's binary: infralint built from the same commit.
mkdir -p "$work/src" "$work/bin"
git -C "$repo" archive "$rev" | tar -x -C "$work/src"
(cd "$work/src" && go build -o "$work/bin/" ./cmd/infralint)
# No other infralint may answer for it: drop every PATH entry that has one.
path_without_infralint=
IFS=: read -ra dirs <<<"$PATH"
for d in "${dirs[@]}"; do
  [ -n "$d" ] && [ ! -x "$d/infralint" ] && path_without_infralint="${path_without_infralint:+$path_without_infralint:}$d"
done
export PATH="$work/bin:$path_without_infralint"

# The config would fail as a stack: passing it to the hook is a bug.
cat > stacks/.infralint.cue <<'CUE'
fail_on: "warning"
CUE

stack() { # name encrypted_at_rest
  cat <<CUE
name:   "$1"
region: "us-east-1"
workload: {avg_rps: 50, peak_rps: 200, slo_p99_ms: 300}
network: azs: ["us-east-1a", "us-east-1b"]
components: {
	alb: {
		kind:   "lb"
		subnet: "public"
		listeners: [{protocol: "HTTPS", port: 443, certificate: "arn:aws:acm:us-east-1:123456789012:certificate/x"}]
		health_check: {path: "/healthz", interval_s: 10, unhealthy_threshold: 2}
		targets: ["app"]
	}
	app: {
		kind:          "compute"
		instance_type: "m5.large"
		autoscaling: {min: 2, max: 6, policy: cpu_target: 60}
		workers: {processes: 2, threads: 8}
		demand: {cpu_ms: 10, wait_ms: 5}
		calls: [{target: "db", per_request: 2, tls: true}]
	}
	db: {
		kind: "database", engine: "postgres", instance_class: "db.r5.large"
		multi_az: true, require_tls: true, ingress: ["app"]
		encrypted_at_rest: $2
	}
}
CUE
}
stack good true >stacks/good.cue
stack bad false >stacks/bad.cue

fail() { echo "precommit-hook-test: FAIL: $*" >&2; exit 1; }

echo "-- pre-commit install-hooks (the Go hook: go install ./... in a clone of $rev)"
start=$(date +%s)
pre-commit install-hooks >"$work/install.log" 2>&1 || { cat "$work/install.log"; fail "the hooks did not install"; }
echo "   installed in $(($(date +%s) - start)) s"
goenv=$(find "$PRE_COMMIT_HOME" -type d -path '*/golangenv-*/bin' | head -n 1)
[ -x "$goenv/infralint" ] || fail "the Go hook did not install infralint (bin: ${goenv:-none})"
[ ! -e "$goenv/infralint-diagram" ] || fail "the Go hook built the renderer too: go.mod's ignore directive is lost"

# status HOOK_NAME WORD LOG: pre-commit printed "HOOK_NAME.....WORD".
status() { grep -F "$1" "$3" | grep -q "\.$2\$"; }

for hook in infralint infralint-system; do
  case $hook in
  infralint) name=infralint ;;
  infralint-system) name='infralint (installed binary)' ;;
  esac

  echo "-- $hook: pre-commit run on the good stack and the config file (must pass)"
  git add .pre-commit-config.yaml stacks/good.cue stacks/.infralint.cue
  pre-commit run --color never "$hook" --files stacks/good.cue stacks/.infralint.cue >"$work/good.log" 2>&1 ||
    { cat "$work/good.log"; fail "$hook failed on a good stack"; }
  status "$name" Passed "$work/good.log" || { cat "$work/good.log"; fail "$hook did not run"; }

  echo "-- $hook: pre-commit run on the bad stack (must fail with TLS004)"
  if pre-commit run --color never "$hook" --files stacks/bad.cue >"$work/bad.log" 2>&1; then
    cat "$work/bad.log"; fail "$hook passed a stack with a finding"
  fi
  status "$name" Failed "$work/bad.log" || { cat "$work/bad.log"; fail "$hook did not fail as a hook"; }
  grep -q 'TLS004' "$work/bad.log" || { cat "$work/bad.log"; fail "$hook does not show the finding"; }
done

echo "-- infralint-system without infralint on the PATH (must fail and say so)"
if PATH="$path_without_infralint" pre-commit run --color never infralint-system --files stacks/good.cue >"$work/nobin.log" 2>&1; then
  cat "$work/nobin.log"; fail "infralint-system passed with no infralint on the PATH"
fi
grep -q 'Executable `infralint` not found' "$work/nobin.log" || { cat "$work/nobin.log"; fail "the missing binary is not named"; }

echo "-- git commit with both hooks installed"
pre-commit install >/dev/null
git commit -q -m good >"$work/commit-good.log" 2>&1 || { cat "$work/commit-good.log"; fail "committing the good stack was blocked"; }
git add stacks/bad.cue
if git commit -q -m bad >"$work/commit.log" 2>&1; then
  cat "$work/commit.log"; fail "committing the bad stack was not blocked"
fi
[ "$(grep -c 'Failed' "$work/commit.log")" = 2 ] || { cat "$work/commit.log"; fail "the blocked commit does not fail in both hooks"; }
grep -q 'TLS004' "$work/commit.log" || { cat "$work/commit.log"; fail "the blocked commit does not show the finding"; }

echo "precommit-hook-test: ok (both hooks from $rev pass the good stack, block the bad one)"
