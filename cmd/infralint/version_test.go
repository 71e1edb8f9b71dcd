package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestVersionStampedBuild builds infralint the way a user does from a
// clone (go build in a git checkout stamps the VCS revision) and checks the
// revision it prints against git itself. The build is of a fresh clone of
// HEAD: go stamps nothing in a linked worktree, and a clone is what a
// newcomer has.
func TestVersionStampedBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	gitBin, err := exec.LookPath("git")
	if err != nil {
		t.Skip("no git")
	}
	head, err := exec.Command(gitBin, "rev-parse", "HEAD").Output()
	if err != nil {
		t.Skipf("not a git checkout: %v", err)
	}
	want := strings.TrimSpace(string(head))
	clone := filepath.Join(t.TempDir(), "src")
	if out, err := exec.Command(gitBin, "clone", "-q", "--no-checkout", ".", clone).CombinedOutput(); err != nil {
		t.Skipf("git clone: %v\n%s", err, out)
	}
	if out, err := exec.Command(gitBin, "-C", clone, "checkout", "-q", want).CombinedOutput(); err != nil {
		t.Fatalf("git checkout: %v\n%s", err, out)
	}
	bin := filepath.Join(t.TempDir(), "infralint")
	build := exec.Command(goTool(t), "build", "-buildvcs=true", "-trimpath", "-o", bin, "./cmd/infralint")
	build.Dir = clone
	build.Env = append(os.Environ(), "GOFLAGS=-buildvcs=true")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "version", "--format", "json").Output()
	if err != nil {
		t.Fatalf("infralint version: %v", err)
	}
	validateJSON(t, "version", string(out))
	var got buildInfo
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	if got.Revision != want {
		t.Errorf("revision %q, want git rev-parse HEAD %q", got.Revision, want)
	}
	if got.Time == "" || got.Modified {
		t.Errorf("time %q modified %v: want the commit's time, unmodified (a fresh clone)", got.Time, got.Modified)
	}
	text, err := exec.Command(bin, "--version").Output()
	if err != nil {
		t.Fatalf("infralint --version: %v", err)
	}
	if !strings.Contains(string(text), "revision  "+want+"\n") {
		t.Errorf("--version lacks the revision %s:\n%s", want, text)
	}
}

// TestVersionUnstamped: go test stamps no revision, and the version says
// so instead of inventing one; the price dates are the catalog's own.
func TestVersionUnstamped(t *testing.T) {
	out, stderr, code := runCLI(t, "version", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	validateJSON(t, "version", out)
	var got buildInfo
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.Version != "devel" || got.Revision != "" {
		t.Errorf("version %q revision %q; go test stamps neither", got.Version, got.Revision)
	}
	// The sources and dates as catalog/snapshot.json itself records them.
	raw, err := os.ReadFile(filepath.Join("catalog", "snapshot.json"))
	if err != nil {
		t.Fatal(err)
	}
	var snap struct {
		Sources map[string]struct {
			Date     string
			DateNote string `json:"date_note"`
		} `json:"sources"`
	}
	if err := json.Unmarshal(raw, &snap); err != nil {
		t.Fatal(err)
	}
	if len(got.Snapshot) != len(snap.Sources) || len(got.Snapshot) == 0 {
		t.Errorf("%d snapshot sources, snapshot.json has %d", len(got.Snapshot), len(snap.Sources))
	}
	for _, p := range got.Snapshot {
		if s, ok := snap.Sources[p.Source]; !ok || s.Date != p.Date || s.DateNote != p.DateNote {
			t.Errorf("source %s dated %q (note %q); snapshot.json says %q (note %q, present %v)", p.Source, p.Date, p.DateNote, s.Date, s.DateNote, ok)
		}
	}
	text, _, _ := runCLI(t, "version")
	flag, _, _ := runCLI(t, "--version")
	if text != flag || !strings.HasPrefix(text, "infralint devel\n") {
		t.Errorf("version and --version differ or lack 'devel':\n%s---\n%s", text, flag)
	}
	for _, l := range strings.Split(text, "\n") {
		if len(l) > 80 {
			t.Errorf("line wider than 80 columns: %q", l)
		}
	}
	if _, stderr, code := runCLI(t, "version", "--format", "yaml"); code != exitBadInput || !strings.HasPrefix(stderr, "infralint: --format") {
		t.Errorf("--format yaml: exit %d, %q", code, stderr)
	}
}
