package main

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/infralint/infralint/rules"
)

// complete asks the CLI what cobra's completion scripts ask it: the
// hidden __complete command, whose answer is one candidate a line
// (value, tab, description) and a last line ":DIRECTIVE".
func complete(t *testing.T, args ...string) (values []string, directive string) {
	t.Helper()
	out, errOut, code := runCLI(t, append([]string{cobra.ShellCompRequestCmd}, args...)...)
	if code != exitClean {
		t.Fatalf("__complete %q: exit %d: %s", args, code, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	for _, l := range lines[:len(lines)-1] {
		v, _, _ := strings.Cut(l, "\t")
		values = append(values, v)
	}
	return values, lines[len(lines)-1]
}

// The directives cobra defines (ShellCompDirective): 4 no file names,
// 2|4 no space after the value and no file names, 0 the shell's default
// (file names).
const (
	noFiles        = ":4"
	noSpaceNoFiles = ":6"
	fileNames      = ":0"
)

func TestCompletion(t *testing.T) {
	var allIDs, capIDs []string
	for _, r := range rules.Registry() {
		allIDs = append(allIDs, r.ID)
		if strings.HasPrefix(r.ID, "CAP") {
			capIDs = append(capIDs, r.ID)
		}
	}
	if len(capIDs) == 0 {
		t.Fatal("no CAP rule to complete")
	}
	withList := func(prefix string, ids []string) []string {
		out := make([]string, len(ids))
		for i, id := range ids {
			out[i] = prefix + id
		}
		return out
	}
	for _, tc := range []struct {
		args      []string
		want      []string
		directive string
	}{
		{[]string{"explain", ""}, allIDs, noFiles},
		{[]string{"explain", "CAP"}, capIDs, noFiles},
		{[]string{"explain", "CAP001", ""}, nil, noFiles}, // explain takes one
		{[]string{"check", "--severity", ""}, []string{"info", "warning", "error"}, noFiles},
		{[]string{"check", "--severity", "w"}, []string{"warning"}, noFiles},
		{[]string{"check", "--format", ""}, []string{"text", "json", "sarif", "markdown", "github"}, noFiles},
		{[]string{"cost", "--format", "m"}, []string{"markdown"}, noFiles},
		{[]string{"diagram", "--format", ""}, []string{"svg", "png", "dot"}, noFiles},
		{[]string{"fit", "usl", "--format", ""}, []string{"text", "json"}, noFiles},
		{[]string{"check", "--skip", "CAP"}, capIDs, noSpaceNoFiles},
		{[]string{"check", "--skip", "LB001,CAP"}, withList("LB001,", capIDs), noSpaceNoFiles},
		{[]string{"report", "--skip", "CAP"}, capIDs, noSpaceNoFiles},
		{[]string{"check", "-o", "s"}, []string{"sarif="}, noSpaceNoFiles},
		{[]string{"check", "-o", "sarif=res"}, nil, fileNames},
	} {
		got, dir := complete(t, tc.args...)
		if !slices.Equal(got, tc.want) || dir != tc.directive {
			t.Errorf("__complete %q = %q %s, want %q %s", tc.args, got, dir, tc.want, tc.directive)
		}
	}
}

// Every command with --format completes it, with exactly the formats its
// help names ("output format: text, json or markdown"): a format added to
// a command and not here fails.
func TestCompletionFormats(t *testing.T) {
	root := newRootCmd(nil, nil)
	seen := 0
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			walk(sub)
		}
		f := c.Flags().Lookup("format")
		if f == nil {
			return
		}
		seen++
		usage, _, _ := strings.Cut(f.Usage, "(")
		if i := strings.Index(usage, ": "); i >= 0 {
			usage = usage[i+2:]
		}
		var named []string
		for _, w := range regexp.MustCompile(`[a-z]+`).FindAllString(usage, -1) {
			if w != "or" {
				named = append(named, w)
			}
		}
		if got := formatsOf[c.CommandPath()]; !slices.Equal(got, named) {
			t.Errorf("%s --format completes %q; its help names %q", c.CommandPath(), got, named)
		}
	}
	walk(root)
	if seen < len(formatsOf) {
		t.Errorf("%d commands have --format, fewer than formatsOf's %d", seen, len(formatsOf))
	}
}
