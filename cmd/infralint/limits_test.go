package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/infralint/infralint/analysis"
)

func init() {
	// A crossed limit ends the process from the watchdog, not through
	// run's return: in a script's `exitcode N` or `bounded MB N` child,
	// judge the code as those wrappers do.
	exitProcess = func(code int) {
		want := -1
		switch filepath.Base(os.Args[0]) {
		case "exitcode":
			want, _ = strconv.Atoi(os.Args[1])
		case "bounded":
			want, _ = strconv.Atoi(os.Args[2])
		default:
			os.Exit(code)
		}
		if code != want {
			fmt.Fprintf(os.Stderr, "%s: infralint exited %d, want %d\n", filepath.Base(os.Args[0]), code, want)
			os.Exit(1)
		}
		os.Exit(0)
	}
}

func TestParseMiB(t *testing.T) {
	for in, want := range map[string]int64{"64MiB": 64 << 20, "4GiB": 4 << 30, " 512MiB ": 512 << 20, "1 GiB": 1 << 30} {
		if got, err := parseMiB(in); err != nil || got != want {
			t.Errorf("parseMiB(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "12", "64MB", "-1MiB", "0GiB", "1.5GiB", "9999999999999GiB"} {
		if got, err := parseMiB(in); err == nil {
			t.Errorf("parseMiB(%q) = %d, want an error", in, got)
		}
	}
	if got := formatMiB(analysis.DefaultMemory); got != "2GiB" {
		t.Errorf("default shown as %q", got)
	}
	if got := formatMiB(96 << 20); got != "96MiB" {
		t.Errorf("96 MiB shown as %q", got)
	}
}

func TestLimitMessage(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		e    analysis.LimitError
		want string
	}{
		{analysis.LimitError{Files: []string{filepath.Join(dir, "a.cue"), "<stdin>"}, Timeout: 10 * time.Second},
			"./a.cue, <stdin>: evaluation exceeded 10s (raise it with --timeout)"},
		{analysis.LimitError{Memory: 64 << 20}, "the run: evaluation exceeded 64MiB of memory (raise it with --max-memory)"},
	}
	for _, c := range cases {
		if got := limitMessage(&c.e, dir); got != c.want {
			t.Errorf("got %q, want %q", got, c.want)
		}
	}
}
