package render

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/infralint/infralint/pricing"
)

// natMissing is the issue's --compare case: the old stack pays for 2 NAT
// gateways (1,460 h × 0.045 = $65.70), the new one's region has no NAT
// price. The missing price is no saving: the line's difference is
// unknown, and the totals' difference is a lower bound (the new total is).
func natMissing() *pricing.Diff {
	app := pricing.LineItem{Component: "app", Kind: "compute", Priced: true, MonthlyUSD: 100,
		CostComponent: pricing.CostComponent{Name: "instance hours (m5.large)", PriceKey: "ec2/m5.large", Unit: "hour", Quantity: 1000}}
	nat := pricing.LineItem{Component: "network", Kind: "network", Priced: true, MonthlyUSD: 65.7,
		CostComponent: pricing.CostComponent{Name: "NAT gateway hours", PriceKey: "nat/hour", Unit: "hour", Quantity: 1460}}
	old := &pricing.Estimate{Stack: "old", File: "old.cue", Region: "us-east-1", Items: []pricing.LineItem{app, nat},
		MonthlyUSD: 165.7, MonthlyRequests: 1e6, PerMillionRequestsUSD: 165.7}
	gone := nat
	gone.Priced, gone.MonthlyUSD = false, 0
	new := &pricing.Estimate{Stack: "new", File: "new.cue", Region: "eu-north-1", Items: []pricing.LineItem{app, gone},
		MonthlyUSD: 100, MonthlyRequests: 1e6, PerMillionRequestsUSD: 100, Partial: true,
		Missing: []pricing.Missing{{Component: "network", Item: "NAT gateway hours", Region: "eu-north-1", PriceKey: "nat/hour"}}}
	return pricing.Compare(old, new)
}

func TestCompareMissingPriceIsNoSaving(t *testing.T) {
	d := natMissing()
	if d.Bound() != pricing.AtLeast {
		t.Fatalf("bound %s, want at_least", d.Bound())
	}
	var text strings.Builder
	if err := CostDiffText(&text, d, ""); err != nil {
		t.Fatal(err)
	}
	out := text.String()
	for _, w := range []string{"unknown", "≥ -$65.70", "Monthly cost difference ≥ -$65.70: $165.70 → ≥ $100.00", "at least the figure shown"} {
		if !strings.Contains(out, w) {
			t.Errorf("text lacks %q:\n%s", w, out)
		}
	}
	// -$65.70 appears only with "≥" before it: never as the NAT line's own saving.
	if strings.Count(out, "-$65.70") != strings.Count(out, "≥ -$65.70") {
		t.Errorf("a bare -$65.70 in:\n%s", out)
	}

	var md strings.Builder
	if err := CostDiffMarkdown(&md, d, ""); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(md.String(), "### Cost change: ≥ -$65.70/month") || !strings.Contains(md.String(), "| unknown |") {
		t.Errorf("markdown:\n%s", md.String())
	}

	var js strings.Builder
	if err := CostDiffJSON(&js, d, nil, ""); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		DeltaBound string `json:"delta_bound"`
		Lines      []struct {
			Item     string `json:"item"`
			Unpriced bool   `json:"unpriced"`
		} `json:"lines"`
	}
	if err := json.Unmarshal([]byte(js.String()), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.DeltaBound != "at_least" || len(doc.Lines) != 2 || doc.Lines[0].Unpriced || !doc.Lines[1].Unpriced {
		t.Errorf("json: %+v", doc)
	}
}

// Each bound reads as what it is.
func TestCostDelta(t *testing.T) {
	for _, c := range []struct {
		old, new bool
		want     string
	}{
		{false, false, "+$12.34"},
		{false, true, "≥ +$12.34"},
		{true, false, "≤ +$12.34"},
		{true, true, "+$12.34 (partial: either way)"},
	} {
		if got := CostDelta(12.34, pricing.DeltaBound(c.old, c.new)); got != c.want {
			t.Errorf("old partial %v, new partial %v: %q, want %q", c.old, c.new, got, c.want)
		}
	}
}

// A partial estimate's every total reads "≥": the table's, Markdown's, and
// the cost per million requests.
func TestPartialTotalsReadAtLeast(t *testing.T) {
	e := natMissing().New
	var text, md strings.Builder
	if err := CostText(&text, []*pricing.Estimate{e}, ""); err != nil {
		t.Fatal(err)
	}
	if err := CostMarkdown(&md, []*pricing.Estimate{e}, ""); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"TOTAL (PARTIAL)", "≥ $100.00", "Cost per million requests: ≥ $100"} {
		if !strings.Contains(text.String(), w) {
			t.Errorf("text lacks %q:\n%s", w, text.String())
		}
	}
	for _, w := range []string{"≥ $100.00 (partial)", "Cost per million requests: ≥ $100"} {
		if !strings.Contains(md.String(), w) {
			t.Errorf("markdown lacks %q:\n%s", w, md.String())
		}
	}
}
