package render

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/internal/textsafe"
	"github.com/infralint/infralint/pricing"
	"github.com/infralint/infralint/rules"
	"github.com/infralint/infralint/schema"
)

// hostile is user text that would act on a terminal: an OSC 52 clipboard
// write, a screen clear, concealed text, a carriage return, NUL, a C1 CSI
// and a bidi override.
const hostile = "shop\x1b]52;c;ZXZpbA==\x07\x1b[2J\x1b[8mhid\rFAKE\x00\u009b2J\u202eevil"

func hostileInputs() (Report, []*pricing.Estimate, *pricing.Diff, []*capacity.Result) {
	f := rules.Finding{RuleID: "LB001", RuleName: "lb-without-health-check", Severity: rules.Error, Message: "message " + hostile,
		Fix: "fix " + hostile, Pos: schema.Position{File: hostile + ".cue", Line: 3, Column: 2}}
	s := f
	s.SuppressedBy, s.Suppressed = "reason "+hostile, true
	r := Report{Findings: []rules.Finding{f}, Suppressed: []rules.Finding{s}, Notes: []string{"note " + hostile},
		Errors: schema.Errors{{Pos: schema.Position{File: hostile + ".cue", Line: 1, Column: 1}, Msg: "error " + hostile}}}
	item := pricing.LineItem{Component: hostile, Kind: "compute", Priced: true, MonthlyUSD: 10,
		CostComponent: pricing.CostComponent{Name: "item " + hostile, Unit: "hour", Quantity: 730, Basis: "basis " + hostile}}
	missing := pricing.LineItem{Component: hostile, Kind: "compute", CostComponent: pricing.CostComponent{Name: "gone", Unit: "GB-month", PriceKey: "k"}}
	e := &pricing.Estimate{Stack: hostile, File: hostile + ".cue", Region: hostile, Items: []pricing.LineItem{item, missing},
		MonthlyUSD: 10, Partial: true, Missing: []pricing.Missing{{Component: hostile, Item: "gone", Region: hostile, PriceKey: "k"}},
		Attribution: "prices from " + hostile}
	d := &pricing.Diff{Old: e, New: e, Lines: []pricing.DiffLine{{Component: hostile, Name: "item " + hostile, Change: pricing.Changed, Old: &item, New: &item}}}
	sc := &capacity.Scenario{Kind: capacity.ScenarioPeak, Instances: 2, Verdict: "ok", Bottleneck: hostile}
	c := &capacity.Result{Stack: hostile, Tiers: []*capacity.Tier{{Name: hostile, Scenarios: []*capacity.Scenario{sc}}},
		Databases: []*capacity.Database{{Name: hostile, Scenarios: []*capacity.Scenario{sc}}},
		Caches:    []*capacity.Cache{{Name: hostile, DataSets: []*capacity.DataSet{{Name: hostile}}}}}
	return r, []*pricing.Estimate{e}, d, []*capacity.Result{c}
}

// TestRenderersEscapeControlCharacters runs every renderer on user text
// full of terminal controls: the text formats show them escaped, with the
// table borders still aligned; JSON and SARIF decode to the exact strings.
func TestRenderersEscapeControlCharacters(t *testing.T) {
	r, es, d, cs := hostileInputs()
	type out struct {
		name   string
		render func(*strings.Builder) error
		json   bool
	}
	for _, o := range []out{
		{"FindingsText", func(b *strings.Builder) error { return FindingsText(b, r, "") }, false},
		{"FindingsMarkdown", func(b *strings.Builder) error { return FindingsMarkdown(b, r, "") }, false},
		{"FindingsJSON", func(b *strings.Builder) error { return FindingsJSON(b, r, "") }, true},
		{"FindingsSARIF", func(b *strings.Builder) error { return FindingsSARIF(b, r, rules.Registry(), "dev", "") }, true},
		{"CostText", func(b *strings.Builder) error { return CostText(b, es, "") }, false},
		{"CostMarkdown", func(b *strings.Builder) error { return CostMarkdown(b, es, "") }, false},
		{"CostJSON", func(b *strings.Builder) error { return CostJSON(b, es, r.Errors, "") }, true},
		{"CostDiffText", func(b *strings.Builder) error { return CostDiffText(b, d, "") }, false},
		{"CostDiffMarkdown", func(b *strings.Builder) error { return CostDiffMarkdown(b, d, "") }, false},
		{"CostDiffJSON", func(b *strings.Builder) error { return CostDiffJSON(b, d, r.Errors, "") }, true},
		{"CapacityText", func(b *strings.Builder) error { return CapacityText(b, cs) }, false},
		{"CapacityJSON", func(b *strings.Builder) error { return CapacityJSON(b, cs, r.Errors, "") }, true},
		{"FindingsGitHub", func(b *strings.Builder) error { return FindingsGitHub(b, withHostileError(r), "") }, false},
		{"FindingsMarkdownErrors", func(b *strings.Builder) error { return FindingsMarkdown(b, withHostileError(r), "") }, false},
		{"FindingsMarkdownSummary", func(b *strings.Builder) error {
			rr := withHostileError(r)
			rr.Costs = []StackCost{{Estimate: es[0], Base: &BaseCost{MonthlyUSD: 1}, Compared: true}}
			return FindingsMarkdownSummary(b, rr, "", GitHubCommentLimit)
		}, false},
		{"CheckMarkdownSections", func(b *strings.Builder) error {
			rr := r
			rr.Sections = []Section{CapacitySection(cs[0]), CostSection(es[0], "")}
			return FindingsMarkdown(b, rr, "")
		}, false},
	} {
		t.Run(o.name, func(t *testing.T) {
			var b strings.Builder
			if err := o.render(&b); err != nil {
				t.Fatal(err)
			}
			got := b.String()
			if i := strings.IndexFunc(got, func(r rune) bool { return textsafe.Unsafe(r) && r != '\n' }); i >= 0 {
				t.Fatalf("raw %q at %d:\n%s", got[i:i+1], i, got)
			}
			if !strings.Contains(got, "ZXZpbA==") {
				t.Fatalf("the user text is not shown:\n%s", got)
			}
			if o.json {
				var v any
				if err := json.Unmarshal([]byte(got), &v); err != nil {
					t.Fatalf("not JSON: %v\n%s", err, got)
				}
				if !containsString(v, hostile) {
					t.Errorf("JSON does not carry the exact string:\n%s", got)
				}
				return
			}
			if strings.Contains(o.name, "Markdown") {
				return
			}
			// Every line of a table is as wide as its border.
			width := -1
			for _, line := range strings.Split(got, "\n") {
				if !strings.HasPrefix(line, "│") && !strings.HasPrefix(line, "┌") && !strings.HasPrefix(line, "├") && !strings.HasPrefix(line, "└") {
					width = -1
					continue
				}
				n := utf8.RuneCountInString(line)
				if strings.HasPrefix(line, "┌") {
					width = -1 // a new table
				}
				if width >= 0 && n != width {
					t.Fatalf("table line %q is %d wide, want %d:\n%s", line, n, width, got)
				}
				width = n
			}
		})
	}
}

func containsString(v any, s string) bool {
	switch v := v.(type) {
	case string:
		return strings.Contains(v, s)
	case []any:
		for _, e := range v {
			if containsString(e, s) {
				return true
			}
		}
	case map[string]any:
		for _, e := range v {
			if containsString(e, s) {
				return true
			}
		}
	}
	return false
}

// withHostileError adds a load error whose file name and message are the
// hostile text.
func withHostileError(r Report) Report {
	r.Errors = schema.Errors{{Pos: schema.Position{File: hostile + ".cue", Line: 1, Column: 1}, Msg: hostile}}
	return r
}
