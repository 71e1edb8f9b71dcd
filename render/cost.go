package render

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/infralint/infralint/internal/humanize"
	"github.com/infralint/infralint/internal/textsafe"
	"github.com/infralint/infralint/pricing"
	"github.com/infralint/infralint/schema"
)

// CostText prints each estimate as a table of line items with its total,
// cost per million requests, price attribution and any PARTIAL warning.
func CostText(w io.Writer, es []*pricing.Estimate, dir string) error {
	return safeText(w, func(w io.Writer) error { return costText(w, es, dir) })
}

func costText(w io.Writer, es []*pricing.Estimate, dir string) error {
	for i, e := range es {
		if i > 0 {
			fmt.Fprintln(w)
		}
		if err := printProse(w, fmt.Sprintf("%s (%s), region %s", textsafe.Line(e.Stack), textsafe.Line(RelPath(e.File, dir)), textsafe.Line(e.Region))); err != nil {
			return err
		}
		t := newTable(w, "COMPONENT", "LINE ITEM", "QUANTITY", "UNIT PRICE", "MONTHLY").Flex(1).Options(
			tablewriter.WithRowAlignmentConfig(tw.CellAlignment{PerColumn: []tw.Align{tw.AlignLeft, tw.AlignLeft, tw.AlignRight, tw.AlignRight, tw.AlignRight}}),
			tablewriter.WithFooterAutoFormat(tw.Off),
			tablewriter.WithFooterAlignmentConfig(tw.CellAlignment{PerColumn: []tw.Align{tw.AlignLeft, tw.AlignLeft, tw.AlignRight, tw.AlignRight, tw.AlignRight}}),
		)
		prev := ""
		for _, li := range e.Items {
			comp := li.Component
			if comp == prev {
				comp = ""
			}
			prev = li.Component
			if err := t.Append([]string{comp, li.Name + "\n" + li.Basis, costQuantity(li.Quantity, li.Unit), costUnitPrice(li), costMonthly(li)}); err != nil {
				return err
			}
		}
		total := humanize.USD(e.MonthlyUSD)
		label := "TOTAL"
		if e.Partial {
			label = "TOTAL (PARTIAL)"
			total = "≥ " + total
		}
		t.Footer([]string{label, "", "", "", total})
		if err := t.Render(); err != nil {
			return err
		}
		for _, line := range costNotes(e, plain) {
			if err := printProse(w, line); err != nil {
				return err
			}
		}
	}
	return nil
}

// CostPerMillion is an estimate's cost per million requests as printed:
// "≥ $3.5611" when the total is partial, as the total is.
func CostPerMillion(e *pricing.Estimate) string {
	s := humanize.USDRounded(e.PerMillionRequestsUSD, 4)
	if e.Partial {
		return "≥ " + s
	}
	return s
}

// CostDelta is a difference of two totals as printed: "+$12.34", "≥ +$12.34"
// when only the new total is partial, "≤ …" when only the old one is, and
// "+$12.34 (partial: either way)" when both are.
func CostDelta(usd float64, b pricing.Bound) string {
	return b.Prefix() + humanize.SignedUSD(usd) + b.Suffix()
}

// costLineDelta is a compared line's difference, "unknown" when a side of
// it has no price: a missing price is no saving.
func costLineDelta(l pricing.DiffLine) string {
	if l.Unpriced {
		return "unknown"
	}
	return humanize.SignedUSD(l.DeltaUSD)
}

// plain leaves text as it is: the text renderers escape at the writer.
func plain(s string) string { return s }

// costNotes are the lines under an estimate's table; esc escapes the parts
// that come from the user (names, regions, price sources), not infralint's
// own wording or the snapshot's reasons.
func costNotes(e *pricing.Estimate, esc func(string) string) []string {
	var out []string
	if e.MonthlyRequests > 0 {
		out = append(out, fmt.Sprintf("Cost per million requests: %s (%s M requests/month)",
			CostPerMillion(e), humanize.Number(e.MonthlyRequests/1e6, 2)))
	}
	if e.Attribution != "" {
		out = append(out, esc(costCapitalize(e.Attribution))+".")
	}
	if reasons := costApproximateReasons(e); len(reasons) > 0 {
		out = append(out, "~ approximate price: "+strings.Join(reasons, "; "))
	}
	if n := e.PartialNote(); n != "" {
		out = append(out, esc(n)+".")
		for _, m := range e.Missing {
			out = append(out, "  missing: "+esc(m.String()))
		}
	}
	return out
}

func costApproximateReasons(e *pricing.Estimate) []string {
	var out []string
	seen := map[string]bool{}
	for _, li := range e.Items {
		if li.Priced && li.Price.Approximate && !seen[li.Price.Reason] {
			seen[li.Price.Reason] = true
			out = append(out, li.Price.Reason)
		}
	}
	return out
}

func costCapitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func costUnitPrice(li pricing.LineItem) string {
	if !li.Priced {
		return "n/a"
	}
	s := humanize.UnitPrice(li.Price.USD)
	if li.Price.Approximate {
		s = "~" + s
	}
	return s
}

func costMonthly(li pricing.LineItem) string {
	if !li.Priced {
		return "missing"
	}
	return humanize.USD(li.MonthlyUSD)
}

// costQuantity renders "1,460 hours", "5,045.76 LCU-hours", "20 GB-months".
func costQuantity(q float64, unit string) string {
	return humanize.Number(q, 2) + " " + humanize.Noun(q, unit)
}

// round keeps JSON free of float noise: money to the cent, other figures
// to six decimals.
func costRound(v float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	return math.Round(v*p) / p
}

type costItemJSON struct {
	Component    string   `json:"component"`
	Kind         string   `json:"kind"`
	Item         string   `json:"item"`
	Quantity     float64  `json:"quantity"`
	Unit         string   `json:"unit"`
	Charge       string   `json:"charge"`
	Basis        string   `json:"basis"`
	PriceKey     string   `json:"price_key"`
	UnitPriceUSD *float64 `json:"unit_price_usd"` // null when missing
	MonthlyUSD   *float64 `json:"monthly_usd"`    // null when missing
	Source       string   `json:"source,omitempty"`
	Date         string   `json:"date,omitempty"`
	Approximate  bool     `json:"approximate,omitempty"`
	Reason       string   `json:"approximate_reason,omitempty"`
}

type costSourceJSON struct {
	ID    string `json:"id"`
	Title string `json:"title,omitempty"`
	Repo  string `json:"repo,omitempty"`
	Date  string `json:"date,omitempty"`
}

type costJSON struct {
	Stack                 string            `json:"stack"`
	File                  string            `json:"file"`
	Region                string            `json:"region"`
	Items                 []costItemJSON    `json:"items"`
	MonthlyUSD            float64           `json:"monthly_usd"`
	Partial               bool              `json:"partial"`
	Missing               []pricing.Missing `json:"missing"`
	MonthlyRequests       float64           `json:"monthly_requests"`
	PerMillionRequestsUSD float64           `json:"per_million_requests_usd"`
	ApproximatePrices     int               `json:"approximate_prices"`
	Attribution           string            `json:"attribution"`
	Sources               []costSourceJSON  `json:"sources"`
}

func costItemView(li pricing.LineItem) costItemJSON {
	v := costItemJSON{Component: li.Component, Kind: li.Kind, Item: li.Name, Quantity: costRound(li.Quantity, 6),
		Unit: li.Unit, Charge: string(li.Charge), Basis: li.Basis, PriceKey: li.PriceKey}
	if li.Priced {
		usd, m := li.Price.USD, costRound(li.MonthlyUSD, 2)
		v.UnitPriceUSD, v.MonthlyUSD = &usd, &m
		v.Source, v.Date, v.Approximate, v.Reason = li.Price.Source, li.Price.Date, li.Price.Approximate, li.Price.Reason
	}
	return v
}

func costView(e *pricing.Estimate, dir string) costJSON {
	v := costJSON{Stack: e.Stack, File: RelPath(e.File, dir), Region: e.Region, Items: []costItemJSON{},
		MonthlyUSD: costRound(e.MonthlyUSD, 2), Partial: e.Partial, Missing: e.Missing,
		MonthlyRequests: costRound(e.MonthlyRequests, 6), PerMillionRequestsUSD: costRound(e.PerMillionRequestsUSD, 4),
		ApproximatePrices: e.Approximate, Attribution: e.Attribution, Sources: []costSourceJSON{}}
	if v.Missing == nil {
		v.Missing = []pricing.Missing{}
	}
	for _, li := range e.Items {
		v.Items = append(v.Items, costItemView(li))
	}
	for _, s := range e.Sources {
		v.Sources = append(v.Sources, costSourceJSON{ID: s.ID, Title: s.Title, Repo: s.Repo, Date: s.Date})
	}
	return v
}

// CostJSON writes {"schema_version": 1, "estimates": [...], "errors":
// [...]}: every line item with its quantity, unit price and source, and the
// totals (money rounded to the cent), then the stacks that did not load
// (docs/schemas/cost.json).
func CostJSON(w io.Writer, es []*pricing.Estimate, errs schema.Errors, dir string) error {
	return safeText(w, func(w io.Writer) error { return writeCostJSON(w, es, errs, dir) })
}

func writeCostJSON(w io.Writer, es []*pricing.Estimate, errs schema.Errors, dir string) error {
	out := struct {
		SchemaVersion int         `json:"schema_version"`
		Estimates     []costJSON  `json:"estimates"`
		Errors        []errorJSON `json:"errors"`
	}{SchemaVersion: JSONSchemaVersion, Estimates: []costJSON{}, Errors: errorsJSON(errs, dir)}
	for _, e := range es {
		out.Estimates = append(out.Estimates, costView(e, dir))
	}
	return costWriteJSON(w, out)
}

func costWriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// CostMarkdown writes each estimate as a Markdown section with a table,
// for pull-request comments and reports.
func CostMarkdown(w io.Writer, es []*pricing.Estimate, dir string) error {
	return safeText(w, func(w io.Writer) error { return costMarkdown(w, es, dir) })
}

func costMarkdown(w io.Writer, es []*pricing.Estimate, dir string) error {
	for i, e := range es {
		if i > 0 {
			fmt.Fprintln(w)
		}
		if err := CostMarkdownSection(w, e, dir, "###"); err != nil {
			return err
		}
	}
	return nil
}

// CostMarkdownSection writes one estimate under a heading of the given
// level ("##", "###" …; "" for none), so that other Markdown reports can
// embed it.
func CostMarkdownSection(w io.Writer, e *pricing.Estimate, dir, heading string) error {
	total := costMarkdownTotal(e)
	if heading != "" {
		fmt.Fprintf(w, "%s %s\n\n", heading, costSectionTitle(e))
	}
	fmt.Fprintf(w, "%s, region %s\n\n", textsafe.MarkdownCode(RelPath(e.File, dir)), textsafe.MarkdownCode(e.Region))
	if e.Partial {
		fmt.Fprintf(w, "> [!WARNING]\n> %s.\n\n", costMdEscape(e.PartialNote()))
	}
	fmt.Fprintln(w, "| Component | Line item | Quantity | Unit price | Monthly |")
	fmt.Fprintln(w, "|---|---|--:|--:|--:|")
	for _, li := range e.Items {
		fmt.Fprintf(w, "| %s | %s<br><sub>%s</sub> | %s | %s | %s |\n", costMdEscape(li.Component), costMdEscape(li.Name), costMdEscape(li.Basis),
			costQuantity(li.Quantity, li.Unit), costUnitPrice(li), costMonthly(li))
	}
	fmt.Fprintf(w, "| **Total** | | | | **%s** |\n\n", total)
	for _, line := range costNotes(e, costMdEscape) {
		if strings.HasPrefix(line, "PARTIAL") {
			continue // in the warning above
		}
		if strings.HasPrefix(line, "  missing: ") {
			line = "- " + strings.TrimPrefix(line, "  ")
		}
		fmt.Fprintln(w, line+"  ")
	}
	return nil
}

func costMarkdownTotal(e *pricing.Estimate) string {
	if e.Partial {
		return "≥ " + humanize.USD(e.MonthlyUSD) + " (partial)"
	}
	return humanize.USD(e.MonthlyUSD)
}

func costSectionTitle(e *pricing.Estimate) string {
	return fmt.Sprintf("Cost: %s — %s/month", costMdEscape(e.Stack), costMarkdownTotal(e))
}

// CostSection is an estimate as a section of the check command's Markdown
// report (see Section).
func CostSection(e *pricing.Estimate, dir string) Section {
	var b strings.Builder
	_ = CostMarkdownSection(&b, e, dir, "") // a strings.Builder does not fail
	return Section{Title: costSectionTitle(e), Markdown: b.String()}
}

// costMdEscape shows text as itself in a Markdown cell or line (see
// textsafe.Markdown).
func costMdEscape(s string) string { return textsafe.Markdown(s) }

// CostDiffText prints the line items that differ between two estimates and
// the total difference.
func CostDiffText(w io.Writer, d *pricing.Diff, dir string) error {
	return safeText(w, func(w io.Writer) error { return costDiffText(w, d, dir) })
}

func costDiffText(w io.Writer, d *pricing.Diff, dir string) error {
	if err := printProse(w, fmt.Sprintf("%s (%s) → %s (%s)", textsafe.Line(d.Old.Stack), textsafe.Line(RelPath(d.Old.File, dir)), textsafe.Line(d.New.Stack), textsafe.Line(RelPath(d.New.File, dir)))); err != nil {
		return err
	}
	right := tablewriter.WithRowAlignmentConfig(tw.CellAlignment{PerColumn: []tw.Align{tw.AlignLeft, tw.AlignLeft, tw.AlignLeft, tw.AlignRight, tw.AlignRight, tw.AlignRight}})
	t := newTable(w, "CHANGE", "COMPONENT", "LINE ITEM", "OLD", "NEW", "DELTA").Flex(2).Options(right,
		tablewriter.WithFooterAutoFormat(tw.Off),
		tablewriter.WithFooterAlignmentConfig(tw.CellAlignment{PerColumn: []tw.Align{tw.AlignLeft, tw.AlignLeft, tw.AlignLeft, tw.AlignRight, tw.AlignRight, tw.AlignRight}}))
	unchanged := 0
	for _, l := range d.Lines {
		if l.Change == pricing.Unchanged {
			unchanged++
			continue
		}
		if err := t.Append(costDiffRow(l)); err != nil {
			return err
		}
	}
	t.Footer([]string{"TOTAL", "", "", costDiffTotal(d.Old), costDiffTotal(d.New), CostDelta(d.DeltaUSD, d.Bound())})
	if err := t.Render(); err != nil {
		return err
	}
	for _, line := range costDiffNotes(d, unchanged, plain) {
		if err := printProse(w, line); err != nil {
			return err
		}
	}
	return nil
}

func costDiffRow(l pricing.DiffLine) []string {
	side := func(li *pricing.LineItem) string {
		if li == nil {
			return "—"
		}
		return costMonthly(*li) + "\n" + costQuantity(li.Quantity, li.Unit)
	}
	return []string{string(l.Change), l.Component, l.Name, side(l.Old), side(l.New), costLineDelta(l)}
}

func costDiffTotal(e *pricing.Estimate) string {
	if e.Partial {
		return "≥ " + humanize.USD(e.MonthlyUSD)
	}
	return humanize.USD(e.MonthlyUSD)
}

func costDiffNotes(d *pricing.Diff, unchanged int, esc func(string) string) []string {
	kept := humanize.Plural(unchanged, "line item")
	out := []string{fmt.Sprintf("Monthly cost %s: %s → %s (%s unchanged).",
		map[bool]string{true: "rises", false: "falls"}[d.DeltaUSD > 0], costDiffTotal(d.Old), costDiffTotal(d.New), kept)}
	switch {
	case d.Partial:
		// A partial side bounds the difference at most one way: say
		// which, never "rises" or "falls" on a guess.
		out[0] = fmt.Sprintf("Monthly cost difference %s: %s → %s (%s unchanged).",
			CostDelta(d.DeltaUSD, d.Bound()), costDiffTotal(d.Old), costDiffTotal(d.New), kept)
	case math.Round(d.DeltaUSD*100) == 0:
		out[0] = fmt.Sprintf("Monthly cost unchanged at %s (%s unchanged).", costDiffTotal(d.New), kept)
	}
	if d.Old.Region != d.New.Region {
		out = append(out, fmt.Sprintf("Regions differ: %s → %s.", esc(d.Old.Region), esc(d.New.Region)))
	}
	if d.Partial {
		out = append(out, "PARTIAL: the difference leaves out missing prices, "+costBoundWords[d.Bound()]+":")
		for _, e := range []*pricing.Estimate{d.Old, d.New} {
			for _, m := range e.Missing {
				out = append(out, "  missing: "+esc(m.String()))
			}
		}
	}
	attr := map[string]bool{}
	for _, e := range []*pricing.Estimate{d.Old, d.New} {
		if e.Attribution != "" && !attr[e.Attribution] {
			attr[e.Attribution] = true
			out = append(out, esc(costCapitalize(e.Attribution))+".")
		}
	}
	return out
}

type costDiffLineJSON struct {
	Change    string        `json:"change"`
	Component string        `json:"component"`
	Item      string        `json:"item"`
	Old       *costItemJSON `json:"old"`
	New       *costItemJSON `json:"new"`
	DeltaUSD  float64       `json:"delta_usd"`
	Unpriced  bool          `json:"unpriced,omitempty"`
}

// costBoundWords say what a partial difference's figure is.
var costBoundWords = map[pricing.Bound]string{
	pricing.AtLeast:   "so the true difference is at least the figure shown (the new total is partial)",
	pricing.AtMost:    "so the true difference is at most the figure shown (the old total is partial)",
	pricing.Unbounded: "on both sides, so the true difference may be more or less than the figure shown",
}

// CostDiffJSON writes both estimates, every line's change and the total
// difference (docs/schemas/cost-compare.json). A nil d is a comparison
// that input errors prevented: old and new are null, errors say why.
func CostDiffJSON(w io.Writer, d *pricing.Diff, errs schema.Errors, dir string) error {
	return safeText(w, func(w io.Writer) error { return costDiffJSON(w, d, errs, dir) })
}

func costDiffJSON(w io.Writer, d *pricing.Diff, errs schema.Errors, dir string) error {
	out := struct {
		SchemaVersion int                `json:"schema_version"`
		Old           *costJSON          `json:"old"`
		New           *costJSON          `json:"new"`
		Lines         []costDiffLineJSON `json:"lines"`
		DeltaUSD      float64            `json:"delta_usd"`
		DeltaBound    pricing.Bound      `json:"delta_bound,omitempty"`
		Partial       bool               `json:"partial"`
		Errors        []errorJSON        `json:"errors"`
	}{SchemaVersion: JSONSchemaVersion, Lines: []costDiffLineJSON{}, Errors: errorsJSON(errs, dir)}
	if d == nil {
		return costWriteJSON(w, out)
	}
	old, cur := costView(d.Old, dir), costView(d.New, dir)
	out.Old, out.New, out.DeltaUSD, out.DeltaBound, out.Partial = &old, &cur, costRound(d.DeltaUSD, 2), d.Bound(), d.Partial
	view := func(li *pricing.LineItem) *costItemJSON {
		if li == nil {
			return nil
		}
		v := costItemView(*li)
		return &v
	}
	for _, l := range d.Lines {
		out.Lines = append(out.Lines, costDiffLineJSON{Change: string(l.Change), Component: l.Component, Item: l.Name,
			Old: view(l.Old), New: view(l.New), DeltaUSD: costRound(l.DeltaUSD, 2), Unpriced: l.Unpriced})
	}
	return costWriteJSON(w, out)
}

// CostDiffMarkdown writes the difference as a Markdown table.
func CostDiffMarkdown(w io.Writer, d *pricing.Diff, dir string) error {
	return safeText(w, func(w io.Writer) error { return costDiffMarkdown(w, d, dir) })
}

func costDiffMarkdown(w io.Writer, d *pricing.Diff, dir string) error {
	fmt.Fprintf(w, "### Cost change: %s/month\n\n", CostDelta(d.DeltaUSD, d.Bound()))
	fmt.Fprintf(w, "%s → %s\n\n", textsafe.MarkdownCode(RelPath(d.Old.File, dir)), textsafe.MarkdownCode(RelPath(d.New.File, dir)))
	fmt.Fprintln(w, "| Change | Component | Line item | Old | New | Delta |")
	fmt.Fprintln(w, "|---|---|---|--:|--:|--:|")
	unchanged := 0
	for _, l := range d.Lines {
		if l.Change == pricing.Unchanged {
			unchanged++
			continue
		}
		r := costDiffRow(l)
		for i := range r {
			r[i] = costMdEscape(r[i]) // a line break becomes <br>
		}
		fmt.Fprintf(w, "| %s |\n", strings.Join(r, " | "))
	}
	fmt.Fprintf(w, "| **Total** | | | %s | %s | **%s** |\n\n", costDiffTotal(d.Old), costDiffTotal(d.New), CostDelta(d.DeltaUSD, d.Bound()))
	for _, line := range costDiffNotes(d, unchanged, costMdEscape) {
		if strings.HasPrefix(line, "  missing: ") {
			line = "- " + strings.TrimPrefix(line, "  ")
		}
		fmt.Fprintln(w, line+"  ")
	}
	return nil
}
