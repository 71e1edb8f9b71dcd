package render

import (
	"strings"
	"testing"

	"github.com/infralint/infralint/internal/humanize"
	"github.com/infralint/infralint/pricing"
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

func TestFindingsMarkdownErrors(t *testing.T) {
	r := Report{
		Findings: []rules.Finding{{RuleID: "LB001", RuleName: "n", Severity: rules.Error, Message: "m",
			Pos: schema.Position{File: "good/stack.cue", Line: 3, Column: 2}}},
		Errors: schema.Errors{
			{Pos: schema.Position{File: "bad/stack.cue", Line: 1, Column: 1}, Msg: "missing required field name"},
			{Pos: schema.Position{File: "bad/x|y.cue", Line: 7, Column: 3}, Msg: "field <b> not allowed"},
			{Msg: "no position"},
		},
	}
	var b strings.Builder
	if err := FindingsMarkdown(&b, r, ""); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"### Errors\n\n3 load errors: these inputs were not checked",
		"| Location | Error |\n|---|---|\n",
		"| `bad/stack.cue:1:1` | missing required field name |\n",
		"| `bad/x\\|y.cue:7:3` | field &lt;b&gt; not allowed |\n",
		"|  | no position |\n",
		"### Findings\n\n| Location | Rule |",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown lacks %q:\n%s", want, out)
		}
	}
	if strings.Index(out, "### Errors") > strings.Index(out, "| `good/stack.cue") {
		t.Error("errors must come before the findings")
	}
	// Without errors the report is what it was: no headings added.
	b.Reset()
	r.Errors = nil
	if err := FindingsMarkdown(&b, r, ""); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "###") {
		t.Errorf("a report without errors gained a heading:\n%s", b.String())
	}
}

func manyFindings(n int) []rules.Finding {
	var fs []rules.Finding
	for i := range n {
		fs = append(fs, rules.Finding{RuleID: "LB001", RuleName: "lb-without-health-check", Severity: rules.Warning,
			Message: strings.Repeat("long message ", 20), Pos: schema.Position{File: "s.cue", Line: i + 1, Column: 1}})
	}
	return fs
}

func TestFindingsMarkdownSummary(t *testing.T) {
	r := Report{
		Findings:   manyFindings(2),
		Suppressed: []rules.Finding{{RuleID: "LB003", Message: "hidden-suppressed", Suppressed: true}},
		Baselined:  5,
		Errors:     schema.Errors{{Pos: schema.Position{File: "bad.cue", Line: 1, Column: 1}, Msg: "boom"}},
		Costs: []StackCost{
			{Estimate: &pricing.Estimate{Stack: "shop", File: "shop/stack.cue", MonthlyUSD: 1234.5}},
			{Estimate: &pricing.Estimate{Stack: "blog", File: "blog/stack.cue", MonthlyUSD: 10, Partial: true}},
		},
		Sections: []Section{{Title: "Capacity: shop", Markdown: "| big table |"}},
	}
	var b strings.Builder
	if err := FindingsMarkdownSummary(&b, r, "", GitHubCommentLimit); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"**2 findings: 0 errors, 2 warnings, 0 info; 1 suppressed; 5 in the baseline; 1 input error**",
		"### Errors\n\n1 load error",
		"| `bad.cue:1:1` | boom |",
		"| shop | `shop/stack.cue` | $1,234.50 |\n| blog | `blog/stack.cue` | ≥ $10.00 (partial) |",
		"### New findings\n\nFindings not in the baseline (5 in it are not shown).",
		"| `s.cue:2:1` | LB001",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	for _, not := range []string{"hidden-suppressed", "big table", "Truncated"} {
		if strings.Contains(out, not) {
			t.Errorf("summary holds %q:\n%s", not, out)
		}
	}
}

// However many findings, the summary fits the limit, ends every row it
// shows and says how many it left out.
func TestFindingsMarkdownSummaryTruncates(t *testing.T) {
	for _, limit := range []int{GitHubCommentLimit, 4000, 700} {
		r := Report{Findings: manyFindings(2000),
			Errors: schema.Errors{{Pos: schema.Position{File: "bad.cue", Line: 1, Column: 1}, Msg: "boom"}}}
		var b strings.Builder
		if err := FindingsMarkdownSummary(&b, r, "", limit); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if len(out) > limit {
			t.Errorf("limit %d: summary is %d bytes", limit, len(out))
		}
		rows := strings.Count(out, "| `s.cue:")
		if rows == 0 && limit == GitHubCommentLimit {
			t.Errorf("limit %d: no finding shown", limit)
		}
		for _, line := range strings.Split(out, "\n") {
			if strings.HasPrefix(line, "|") && !strings.HasSuffix(line, "|") {
				t.Errorf("limit %d: a row is cut: %q", limit, line)
			}
		}
		note := "> **Truncated:** " + strings.TrimSpace(humanize.Plural(2000-rows, "finding")) + " not shown, to stay under GitHub's 65,536-character comment limit"
		if !strings.Contains(out, note) {
			t.Errorf("limit %d: lacks %q:\n%s", limit, note, out[max(0, len(out)-400):])
		}
		if !strings.HasSuffix(out, "lists everything.\n") {
			t.Errorf("limit %d: the note is not last", limit)
		}
	}
	// A report that fits is not truncated.
	var b strings.Builder
	if err := FindingsMarkdownSummary(&b, Report{Findings: manyFindings(3)}, "", GitHubCommentLimit); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "Truncated") || strings.Count(b.String(), "| `s.cue:") != 3 {
		t.Errorf("a small summary was cut:\n%s", b.String())
	}
}

// Against a base, each stack's cost shows its change, a stack the base did
// not have is new, and the total adds them up; a partial side bounds the
// change one way (pricing.DeltaBound).
func TestFindingsMarkdownSummaryCostChange(t *testing.T) {
	r := Report{Costs: []StackCost{
		{Estimate: &pricing.Estimate{Stack: "shop", File: "shop/stack.cue", MonthlyUSD: 1234.5}, Base: &BaseCost{MonthlyUSD: 1000}, Compared: true},
		{Estimate: &pricing.Estimate{Stack: "blog", File: "blog/stack.cue", MonthlyUSD: 10}, Base: &BaseCost{MonthlyUSD: 20, Partial: true}, Compared: true},
		{Estimate: &pricing.Estimate{Stack: "api", File: "api/stack.cue", MonthlyUSD: 50}, Compared: true},
	}}
	var b strings.Builder
	if err := FindingsMarkdownSummary(&b, r, "", GitHubCommentLimit); err != nil {
		t.Fatal(err)
	}
	want := "| Stack | File | Monthly cost | Change |\n|---|---|--:|--:|\n" +
		"| shop | `shop/stack.cue` | $1,234.50 | +$234.50 |\n" +
		// blog's base is partial, a lower bound of its bill: the drop is
		// at least $10, so the change is at most -$10, and so is the sum's.
		"| blog | `blog/stack.cue` | $10.00 | ≤ -$10.00 |\n" +
		"| api | `api/stack.cue` | $50.00 | new |\n" +
		"| **Total** | | **$1,294.50** | **≤ +$274.50** |\n"
	if !strings.Contains(b.String(), want) {
		t.Errorf("summary lacks\n%s\ngot\n%s", want, b.String())
	}
}
