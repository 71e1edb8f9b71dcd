package main

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestReadmeFirstCommand: the README's first command says what it gives
// ("exit 1: it has 5 warnings"); a new rule that fires on the example must
// update it, or a newcomer's first run contradicts the page.
func TestReadmeFirstCommand(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?m)^go run \\./cmd/infralint (check \\S+)\\s+# .*\\(exit (\\d+): it has (\\d+) warnings\\)$").FindSubmatch(readme)
	if m == nil {
		t.Fatal("README's first command, with its '(exit N: it has K warnings)', not found")
	}
	wantExit, _ := strconv.Atoi(string(m[2]))
	out, _, code := runCLI(t, strings.Fields(string(m[1]))...)
	if code != wantExit {
		t.Errorf("%s exits %d; the README says %d", m[1], code, wantExit)
	}
	if want := " " + string(m[3]) + " warnings,"; !strings.Contains(out, want) {
		t.Errorf("%s: output lacks %q; the README says so:\n%s", m[1], want, out)
	}
}
