package render

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/infralint/infralint/internal/term"
	"github.com/infralint/infralint/rules"
	"github.com/infralint/infralint/schema"
)

// Colour bypasses the escaping writer for the table's own bytes only: a
// terminal escape in user text is still shown, not obeyed, and the only
// escapes that reach the terminal are the severity colours.
func TestColourKeepsUserTextEscaped(t *testing.T) {
	hostile := "evil\x1b]52;c;ZXZpbA==\x07\x1b[2J name"
	r := Report{Findings: []rules.Finding{
		{RuleID: "LB001", RuleName: "lb-without-health-check", Severity: rules.Error, Message: "load balancer " + hostile,
			Fix: hostile, Pos: schema.Position{File: "/w/" + hostile + ".cue", Line: 3, Column: 1}},
		{RuleID: "LB003", RuleName: "lb-single-target-or-az", Severity: rules.Warning, Message: "one AZ", Pos: schema.Position{File: "/w/a.cue", Line: 9, Column: 2}},
	}, Notes: []string{"note " + hostile}}
	for _, width := range []int{0, 80, 40} {
		var b bytes.Buffer
		if err := FindingsText(&term.Writer{Writer: &b, Style: term.Style{Color: true, Width: width}}, r, "/w"); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		ours := regexp.MustCompile("\x1b\\[(31|33|0)m")
		if rest := ours.ReplaceAllString(out, ""); strings.ContainsAny(rest, "\x1b\x07") {
			t.Errorf("width %d: a raw escape from user text reached the terminal:\n%q", width, out)
		}
		if !strings.Contains(out, "\x1b[31merror\x1b[0m") || !strings.Contains(out, "\x1b[33mwarning\x1b[0m") {
			t.Errorf("width %d: severities not coloured:\n%q", width, out)
		}
		if !strings.Contains(out, `\u001b]52`) {
			t.Errorf("width %d: the user's escape is not shown escaped:\n%q", width, out)
		}
	}
}
