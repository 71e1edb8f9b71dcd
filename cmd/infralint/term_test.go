package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/creack/pty"
)

var sgr = regexp.MustCompile("\x1b\\[[0-9;]*m")

// onTerminal runs the CLI in-process with standard output on a real
// pseudo-terminal of the given width, and returns what the terminal
// received (its CR LF line ends as LF).
func onTerminal(t *testing.T, cols uint16, args ...string) (string, int) {
	t.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	defer ptmx.Close()
	if err := pty.Setsize(ptmx, &pty.Winsize{Cols: cols, Rows: 40}); err != nil {
		t.Fatal(err)
	}
	got := make(chan []byte)
	go func() { b, _ := io.ReadAll(ptmx); got <- b }() // ends with EIO once tty is closed
	code := run(args, tty, io.Discard)
	tty.Close()
	return strings.ReplaceAll(string(<-got), "\r\n", "\n"), code
}

func widest(s string) (int, string) {
	n, line := 0, ""
	for _, l := range strings.Split(s, "\n") {
		if w := utf8.RuneCountInString(sgr.ReplaceAllString(l, "")); w > n {
			n, line = w, l
		}
	}
	return n, line
}

const termExample = "examples/web-asg-rds-cache/stack.cue"

// In an 80-column terminal the findings table fits, its severities in
// colour; the text is the layout COLUMNS=80 gives into a pipe, only
// coloured.
func TestCheckOnTerminal(t *testing.T) {
	t.Setenv("COLUMNS", "")
	t.Setenv("NO_COLOR", "")
	t.Setenv("TERM", "xterm-256color")
	out, code := onTerminal(t, 80, "check", termExample)
	if code != exitFindings {
		t.Fatalf("exit %d, want %d:\n%s", code, exitFindings, out)
	}
	if n, line := widest(out); n > 80 {
		t.Errorf("a line is %d columns wide in an 80-column terminal:\n%s", n, line)
	}
	// Every warning of the example (as many as its summary line counts
	// into a pipe) is yellow.
	plain, _, _ := runCLI(t, "check", termExample)
	var want int
	if _, err := fmt.Sscanf(plain[strings.LastIndex(strings.TrimSpace(plain), "\n")+1:], "%d findings: 0 errors, %d warnings", new(int), &want); err != nil || want == 0 {
		t.Fatalf("no warnings counted in %q (%v)", plain, err)
	}
	if c := strings.Count(out, "│ \x1b[33mwarning\x1b[0m  │"); c != want {
		t.Errorf("%d warnings in yellow, want %d:\n%q", c, want, out)
	}
	// The capacity verdicts in the colour of what they amount to: the
	// example's database is over its target at peak, its web tier ok (its
	// golden says so).
	capOut, _ := onTerminal(t, 80, "capacity", termExample)
	if !strings.Contains(capOut, "\x1b[33mover target\x1b[0m") || !strings.Contains(capOut, "\x1b[32mok\x1b[0m") {
		t.Errorf("capacity verdicts not in yellow and green:\n%q", capOut)
	}
	// A file written from a terminal run is what a pipe gets: no colour,
	// no terminal width.
	file := t.TempDir() + "/report.txt"
	onTerminal(t, 80, "check", "-o", "text="+file, termExample)
	natural, _, _ := runCLI(t, "check", termExample)
	if b, err := os.ReadFile(file); err != nil || string(b) != natural {
		t.Errorf("-o text=FILE from a terminal is not the natural report (%v):\n%s", err, b)
	}
	t.Setenv("COLUMNS", "80")
	piped, _, _ := runCLI(t, "check", termExample)
	if plain := sgr.ReplaceAllString(out, ""); plain != piped {
		t.Errorf("the terminal's text differs from COLUMNS=80 into a pipe:\n%s\n---\n%s", plain, piped)
	}
}

// no-color.org: NO_COLOR set (to anything but "") means no colour, on a
// terminal too; the width still follows the terminal.
func TestNoColorOnTerminal(t *testing.T) {
	t.Setenv("COLUMNS", "")
	t.Setenv("TERM", "xterm-256color")
	t.Setenv("NO_COLOR", "1")
	for _, args := range [][]string{{"check", termExample}, {"capacity", termExample}} {
		out, _ := onTerminal(t, 100, args...)
		if strings.Contains(out, "\x1b") {
			t.Errorf("%s with NO_COLOR=1 prints an escape:\n%q", args[0], out)
		}
		if !strings.Contains(out, "│") {
			t.Errorf("%s printed no table:\n%s", args[0], out)
		}
	}
}

// Into a pipe nothing is coloured, and without COLUMNS the layout is the
// natural one the goldens hold, whatever the environment asks.
func TestNoColorIntoPipe(t *testing.T) {
	t.Setenv("COLUMNS", "")
	t.Setenv("NO_COLOR", "")
	t.Setenv("TERM", "xterm-256color")
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan []byte)
	go func() { b, _ := io.ReadAll(r); got <- b }()
	run([]string{"check", termExample}, w, io.Discard)
	w.Close()
	out := <-got
	if bytes.Contains(out, []byte("\x1b")) {
		t.Errorf("colour into a pipe:\n%q", out)
	}
	if n, _ := widest(string(out)); n <= 100 {
		t.Errorf("the natural layout is %d columns wide; want the findings table's own width (151)", n)
	}
}

// COLUMNS narrows every text table as far as its content allows, and
// wraps the lines around them: check, cost and rules fit 80 columns for
// every example (capacity: TestCapacityByTierFits).
func TestTablesFitColumns(t *testing.T) {
	t.Setenv("COLUMNS", "80")
	for _, ex := range examples(t) {
		path := "examples/" + ex + "/stack.cue"
		for _, cmd := range []string{"check", "cost"} {
			args := []string{cmd, path}
			if cmd == "check" {
				args = []string{cmd, "--severity", "info", path}
			}
			// The notes under the tables wrap too.
			out, _, _ := runCLI(t, args...)
			if n, line := widest(out); n > 80 {
				t.Errorf("%s %s: a line is %d columns wide at COLUMNS=80:\n%s", cmd, ex, n, line)
			}
		}
	}
	for _, args := range [][]string{{"rules"}, {"cost", "--compare", "examples/web-asg-rds/stack.cue", termExample}} {
		out, _, _ := runCLI(t, args...)
		if n, line := widest(out); n > 80 {
			t.Errorf("%s: a line is %d columns wide at COLUMNS=80:\n%s", args, n, line)
		}
	}
}

// widestTableLine is the widest line of a table (one that starts with a
// box-drawing character); notes below a table are prose and wrap in the
// terminal like any.
func widestTableLine(s string) (int, string) {
	n, line := 0, ""
	for _, l := range strings.Split(s, "\n") {
		if !strings.ContainsAny(l[:min(len(l), 3)], "┌│├└") {
			continue
		}
		if w := utf8.RuneCountInString(l); w > n {
			n, line = w, l
		}
	}
	return n, line
}

// check --quiet prints the summary line alone (the full report's last
// line), keeps the exit code, and writes the whole report to an -o file.
func TestCheckQuiet(t *testing.T) {
	full, _, code := runCLI(t, "check", termExample)
	lines := strings.Split(strings.TrimSuffix(full, "\n"), "\n")
	summary := lines[len(lines)-1] + "\n"
	file := t.TempDir() + "/report.txt"
	for _, flag := range []string{"--quiet", "-q"} {
		out, errOut, qcode := runCLI(t, "check", flag, "-o", "text="+file, termExample)
		if out != summary || errOut != "" || qcode != code {
			t.Errorf("check %s: exit %d, stdout %q, stderr %q; want exit %d, stdout %q", flag, qcode, out, errOut, code, summary)
		}
		if b, err := os.ReadFile(file); err != nil || string(b) != full {
			t.Errorf("check %s -o text=FILE: the file is not the whole report (%v):\n%s", flag, err, b)
		}
	}
	// The notes on standard error about paths left out are not errors.
	_, errOut, _ := runCLI(t, "check", "--quiet", "--exclude", "examples/legacy-*", "examples/...")
	if errOut != "" {
		t.Errorf("check --quiet printed notes on stderr: %q", errOut)
	}
	// A stack that does not load is still said, once, on stderr.
	out, errOut, qcode := runCLI(t, "check", "--quiet", "testdata/bad/does-not-exist.cue")
	if qcode != exitBadInput || !strings.Contains(errOut, "does-not-exist.cue") {
		t.Errorf("check --quiet on a missing file: exit %d, stdout %q, stderr %q", qcode, out, errOut)
	}
	if _, errOut, qcode := runCLI(t, "check", "-q", "-v", termExample); qcode != exitBadInput || strings.Count(errOut, "\n") != 1 {
		t.Errorf("check -q -v: exit %d, stderr %q; want one usage line, exit 2", qcode, errOut)
	}
}

// Help wraps its flags' descriptions to the terminal's width, saying the
// same words; into a pipe they stay one a line.
func TestHelpFollowsWidth(t *testing.T) {
	t.Setenv("COLUMNS", "")
	wide, _, _ := runCLI(t, "check", "--help")
	t.Setenv("COLUMNS", "80")
	narrow, _, _ := runCLI(t, "check", "--help")
	if n, line := widest(narrow); n > 80 {
		t.Errorf("check --help at COLUMNS=80 has a line of %d columns:\n%s", n, line)
	}
	if n, _ := widest(wide); n <= 80 {
		t.Errorf("check --help into a pipe is %d columns wide: not its one-line-a-flag layout", n)
	}
	if a, b := strings.Join(strings.Fields(wide), " "), strings.Join(strings.Fields(narrow), " "); a != b {
		t.Errorf("wrapped help says something else:\n%s\n---\n%s", a, b)
	}
}

// boxTables reads the box-drawn tables of a text output: each table's
// header cells and rows of cells. A line whose first cell is empty goes
// on the row above (in the capacity tables the first cell, a tier or a
// figure's name, is on every row and never wraps).
func boxTables(s string) (tables [][][]string) {
	for _, l := range strings.Split(s, "\n") {
		switch {
		case strings.HasPrefix(l, "┌"):
			tables = append(tables, nil)
		case strings.HasPrefix(l, "│") && len(tables) > 0:
			var cells []string
			for _, c := range strings.Split(strings.Trim(l, "│"), "│") {
				cells = append(cells, strings.TrimSpace(c))
			}
			tb := &tables[len(tables)-1]
			if n := len(*tb); n > 0 && cells[0] == "" {
				for i, c := range cells {
					if prev := &(*tb)[n-1][i]; c != "" {
						*prev = strings.TrimSpace(*prev + " " + c)
					}
				}
				continue
			}
			*tb = append(*tb, cells)
		}
	}
	return tables
}

// In a terminal too narrow for the capacity table's eleven columns, each
// tier gets a table of its own, its scenarios as columns: every line fits
// 80 columns and every figure of the wide table is there, under the same
// tier, scenario and heading.
func TestCapacityByTierFits(t *testing.T) {
	for _, ex := range examples(t) {
		path := "examples/" + ex + "/stack.cue"
		t.Setenv("COLUMNS", "")
		wide, _, _ := runCLI(t, "capacity", path)
		t.Setenv("COLUMNS", "80")
		narrow, _, _ := runCLI(t, "capacity", path)
		if n, line := widest(narrow); n > 80 {
			t.Errorf("%s: a line is %d columns wide at COLUMNS=80:\n%s", ex, n, line)
		}
		want, got := map[string]string{}, map[string]string{}
		for _, tb := range boxTables(wide) {
			if tb[0][0] != "TIER" {
				continue // the caches' table, the same in both
			}
			for _, row := range tb[1:] {
				for c := 2; c < len(row); c++ {
					want[row[0]+"|"+row[1]+"|"+tb[0][c]] = row[c]
				}
			}
		}
		for _, tb := range boxTables(narrow) {
			if tb[0][0] == "CACHE" {
				continue
			}
			for _, row := range tb[1:] {
				for c := 1; c < len(row); c++ {
					got[tb[0][0]+"|"+tb[0][c]+"|"+row[0]] = row[c]
				}
			}
		}
		if len(want) == 0 || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the narrow capacity tables hold other figures than the wide one:\nwide   %v\nnarrow %v", ex, want, got)
		}
	}
}
