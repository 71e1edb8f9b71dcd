#!/usr/bin/env bash
# Runs infralint's pre-commit hook for real with the pre-commit on the PATH:
# a throwaway git repository with a good and a bad stack and a
# .pre-commit-config.yaml pointing at this checkout (its HEAD commit: commit
# .pre-commit-hooks.yaml changes before running this). The hook must pass on
# the good stack, fail on the bad one naming the finding, ignore
# .infralint.cue, and block a real `git commit` of the bad stack.
#
# pre-commit builds the hook with `go install ./...` from the module cache
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
YAML

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

echo "-- pre-commit run on the good stack and the config file (must pass)"
git add .pre-commit-config.yaml stacks/good.cue stacks/.infralint.cue
pre-commit run --color never --files stacks/good.cue stacks/.infralint.cue >"$work/good.log" 2>&1 ||
  { cat "$work/good.log"; fail "the hook failed on a good stack"; }
grep -q '^infralint.*Passed' "$work/good.log" || { cat "$work/good.log"; fail "the hook did not run"; }

echo "-- pre-commit run on the bad stack (must fail with TLS004)"
if pre-commit run --color never --files stacks/bad.cue >"$work/bad.log" 2>&1; then
  cat "$work/bad.log"; fail "the hook passed a stack with a finding"
fi
grep -q '^infralint.*Failed' "$work/bad.log" || { cat "$work/bad.log"; fail "the hook did not fail as a hook"; }
grep -q 'TLS004' "$work/bad.log" || { cat "$work/bad.log"; fail "the finding is not shown"; }

echo "-- git commit with the hook installed"
pre-commit install >/dev/null
git commit -q -m good >"$work/commit-good.log" 2>&1 || { cat "$work/commit-good.log"; fail "committing the good stack was blocked"; }
git add stacks/bad.cue
if git commit -q -m bad >"$work/commit.log" 2>&1; then
  cat "$work/commit.log"; fail "committing the bad stack was not blocked"
fi
grep -q 'TLS004' "$work/commit.log" || { cat "$work/commit.log"; fail "the blocked commit does not show the finding"; }

echo "precommit-hook-test: ok (hook from $rev passes the good stack, blocks the bad one)"
