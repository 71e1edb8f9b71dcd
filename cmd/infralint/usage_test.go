package main

import (
	"strings"
	"testing"
)

// TestUsageErrors: each usage error is one line on stderr, starting with
// infralint:, with exactly one way on (a suggestion or the help of the
// command that failed), and exits 2. The suggestions are the nearest names
// by Levenshtein distance ≤ 2 (cobra's default), counted by hand:
// sevrity→severity 1 (insert e), chek→check 1, formt→format 1.
func TestUsageErrors(t *testing.T) {
	ex := "examples/web-asg-rds/stack.cue"
	cases := []struct {
		args []string
		want string // the whole line
	}{
		{[]string{"check", "--sevrity", "x", ex}, "infralint: unknown flag: --sevrity; did you mean --severity?"},
		{[]string{"check", "--formt=json", ex}, "infralint: unknown flag: --formt; did you mean --format?"},
		{[]string{"check", "--sev", ex}, "infralint: unknown flag: --sev; did you mean --severity?"}, // a prefix
		{[]string{"check", "--zzzzzzzz", ex}, "infralint: unknown flag: --zzzzzzzz (see 'infralint check --help')"},
		{[]string{"check", "-Z", ex}, "infralint: unknown shorthand flag: 'Z' in -Z (see 'infralint check --help')"},
		{[]string{"chek", ex}, `infralint: unknown command "chek"; did you mean "check"?`},
		{[]string{"frobnicate"}, `infralint: unknown command "frobnicate" (see 'infralint --help')`},
		{[]string{"explain"}, "infralint: accepts 1 arg(s), received 0 (see 'infralint explain --help')"},
		{[]string{"rules", "--format", "yaml"}, `infralint: --format: unknown format "yaml"; use text or json`},
		{[]string{"check", "no/such.cue"}, "infralint: ./no/such.cue: no such file or directory"},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			out, stderr, code := runCLI(t, c.args...)
			if code != exitBadInput {
				t.Errorf("exit %d, want %d", code, exitBadInput)
			}
			if got := strings.TrimSuffix(stderr, "\n"); got != c.want {
				t.Errorf("stderr\n%q\nwant\n%q", stderr, c.want+"\n")
			}
			if strings.Count(stderr, "\n") != 1 {
				t.Errorf("want one line on stderr, got %q", stderr)
			}
			if strings.Contains(stderr, "--help") && strings.Contains(stderr, "did you mean") {
				t.Errorf("two hints: %q", stderr)
			}
			if out != "" && !strings.HasPrefix(c.args[0], "check") {
				t.Errorf("stdout %q", out)
			}
		})
	}
}

// TestBareInvocation: infralint with no arguments is a usage error: the
// help goes to stderr (stdout stays empty for a pipe) and it exits 2.
func TestBareInvocation(t *testing.T) {
	out, stderr, code := runCLI(t)
	if code != exitBadInput {
		t.Errorf("exit %d, want %d", code, exitBadInput)
	}
	if out != "" {
		t.Errorf("stdout %q, want empty", out)
	}
	for _, want := range []string{"Usage:\n", "Available Commands:", "  check ", "  version "} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	// Asked for, help is no error.
	if out, _, code := runCLI(t, "--help"); code != 0 || !strings.Contains(out, "Usage:") {
		t.Errorf("--help: exit %d, stdout %q", code, out)
	}
}

// TestCheckHelpOneDefault: --severity's default is the config's fail_on;
// the help says that once, not also pflag's (default "warning").
func TestCheckHelpOneDefault(t *testing.T) {
	out, _, code := runCLI(t, "check", "--help")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var line string
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, "--severity ") {
			line = l
		}
	}
	if line == "" {
		t.Fatalf("no --severity in:\n%s", out)
	}
	if n := strings.Count(line, "default"); n != 1 {
		t.Errorf("--severity help names %d defaults, want 1: %q", n, line)
	}
	if !strings.Contains(line, "fail_on, else warning") {
		t.Errorf("--severity help does not say what applies: %q", line)
	}
}
