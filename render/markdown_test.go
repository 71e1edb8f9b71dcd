package render

import (
	"strings"
	"testing"

	"github.com/infralint/infralint/rules"
	"github.com/infralint/infralint/schema"
)

func TestFindingsMarkdown(t *testing.T) {
	r := Report{
		Findings: []rules.Finding{{
			RuleID: "LB001", RuleName: "lb-without-health-check", Severity: rules.Error,
			Message: "a | b\nc <d>", Fix: "add health_check",
			Pos: schema.Position{File: "s.cue", Line: 3, Column: 2},
		}},
		Suppressed: []rules.Finding{{RuleID: "LB003", Message: "m", SuppressedBy: "staging", Suppressed: true,
			Pos: schema.Position{File: "s.cue", Line: 9, Column: 1}}},
		Notes:    []string{"inline ignores refused"},
		Sections: []Section{{Title: "Cost: shop", Markdown: "| a |\n|---|\n| 1 |\n"}},
	}
	var b strings.Builder
	if err := FindingsMarkdown(&b, r, ""); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"## infralint\n",
		"**1 finding: 1 error, 0 warnings, 0 info; 1 suppressed**",
		"| `s.cue:3:2` | LB001 lb-without-health-check | 🔴 error | a \\| b<br>c &lt;d&gt;<br>**fix:** add health_check |\n",
		"<details><summary>1 suppressed finding</summary>",
		"| `s.cue:9:1` | LB003 | m | staging |",
		"> **Note:** inline ignores refused",
		"### Cost: shop\n\n| a |\n|---|\n| 1 |\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown lacks %q:\n%s", want, out)
		}
	}
	if strings.Index(out, "### Cost") < strings.Index(out, "| LB001") {
		t.Error("sections must follow the findings")
	}
}
