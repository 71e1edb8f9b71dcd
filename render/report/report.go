// Package report writes infralint's design-review page: one self-contained
// HTML file with the stack's diagram, findings, capacity and cost, and
// plots of what it would take to hold more.
//
// The page loads nothing: styles are inline, the diagram and the plots are
// inline SVG (the plots drawn with gonum.org/v1/plot), there is no script,
// and a Content-Security-Policy forbids any fetch, so a stray reference
// shows up as a console error rather than a silent request. It is
// accessible (headings, tables with captions and header scopes, a <title>
// and <desc> in every SVG, a visible caption and a data table for every
// plot) and printable (a print stylesheet).
//
// The output is deterministic: the same input gives the same bytes.
//
// The diagram is not drawn here: Graphviz is linked only into the
// infralint-diagram binary, so the caller renders the DOT and passes the
// SVG in (Input.DiagramSVG), or a note saying why there is none.
package report

import (
	"bytes"
	_ "embed"
	"fmt"
	"html"
	"html/template"
	"io"
	"strings"
	"sync"

	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/internal/humanize"
	"github.com/infralint/infralint/pricing"
	"github.com/infralint/infralint/render"
	"github.com/infralint/infralint/rightsize"
	"github.com/infralint/infralint/rules"
	"github.com/infralint/infralint/schema"
)

// Input is everything one stack's report shows. Only Stack is required:
// a nil analysis is replaced by a note.
type Input struct {
	Stack *schema.Stack
	// Capacity is the queueing model's result; nil with CapacityErr
	// saying why.
	Capacity    *capacity.Result
	CapacityErr error
	Findings    rules.Result
	// Estimate is the cost estimate; nil leaves the cost section with
	// CostNote (or a default note).
	Estimate *pricing.Estimate
	CostNote string
	// Catalog is the price snapshot of the estimate; nil means
	// catalog.Default().
	Catalog *catalog.Catalog
	// RightSizing holds the sweeps of the cost-vs-SLO plots
	// (rightsize.Plan with Sweeps); nil leaves those plots out with a
	// note.
	RightSizing *rightsize.Result
	// DiagramSVG is the rendered diagram (Graphviz SVG); when nil the
	// report shows DiagramNote in its place.
	DiagramSVG  []byte
	DiagramNote string
	// Dir is the directory positions are printed relative to.
	Dir string
	// NoPlots leaves the plots out (they take the longest to compute).
	NoPlots bool
	// Warn, when set, is told (one line each) of anything the page
	// leaves out of its input, such as what the SVG sanitiser removed.
	Warn func(msg string)
}

func (in Input) warn(msg string) {
	if in.Warn != nil {
		in.Warn(msg)
	}
}

//go:embed report.html.tmpl
var pageTemplate string

//go:embed style.css
var styleSheet string

// csp forbids every fetch: inline styles and data: fonts in SVG only.
const csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:"

// tmpl is parsed on first use, so that other commands of the binary do
// not pay for it at start-up.
var tmpl = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("report").Funcs(template.FuncMap{
		"css": func() template.CSS { return template.CSS(styleSheet) },
	}).Parse(pageTemplate))
})

// page is the template's view of a report (single or compare).
type page struct {
	Title    string
	CSP      string
	Compare  *compareView
	Stack    stackView
	Prices   []string // "2026-07-20 (karpenter)"
	Cards    []card
	Diagram  diagramView
	Findings findingsView
	Capacity capacityView
	Cost     costView
}

type stackView struct {
	Name, Region, Provider, File string
	Facts                        []fact
}

type fact struct{ Term, Value string }

type card struct {
	Label, Value, Detail, Class string
}

type diagramView struct {
	SVG     template.HTML
	Note    string
	Caption string
	// Removed says what the sanitiser took out of the SVG.
	Removed string
}

type findingView struct {
	Rule, Name, Severity, Message, Fix, Position, Path, Suppressed string
	Doc                                                            *ruleDoc
}

type sevGroup struct {
	Severity, Title, ID string
	Findings            []findingView
}

type ruleDoc struct {
	Summary    string
	Paragraphs []string
}

type findingsView struct {
	Groups     []sevGroup
	Suppressed []findingView
	Total      int
}

type row struct {
	Head  string
	Cells []string
	Class string // verdict class of the row's last cell
}

type tableView struct {
	ID, Caption string
	Head        []string
	// Text marks the columns (after the row header) holding text, which
	// are aligned left; numbers align right.
	Text map[int]bool
	Rows []row
	Foot []row
}

type plotView struct {
	ID, Title, Caption, Kind, Tier string
	SVG                            template.HTML
	Table                          *DataTable
}

type capacityView struct {
	Note      string
	Intro     string
	Tables    []tableView
	Plots     []plotView
	PlotNotes []string
}

type costView struct {
	Note        string
	Partial     string
	Table       *tableView
	Attribution string
	Approximate []string
	Plots       []plotView
}

// Write writes the report of one stack.
func Write(w io.Writer, in Input) error {
	p := buildPage(in, &idGen{})
	return execute(w, p)
}

func execute(w io.Writer, p *page) error {
	var buf bytes.Buffer
	if err := tmpl().Execute(&buf, p); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// idGen hands out document-unique IDs.
type idGen struct{ n int }

func (g *idGen) next(prefix string) string {
	g.n++
	return fmt.Sprintf("%s%d", prefix, g.n)
}

func buildPage(in Input, ids *idGen) *page {
	s := in.Stack
	cat := in.Catalog
	if cat == nil {
		cat = catalog.Default()
	}
	p := &page{Title: s.Name + " — infralint report", CSP: csp}
	p.Stack = stackView{Name: s.Name, Region: s.Region, Provider: s.Provider}
	if s.Source != nil {
		p.Stack.File = render.RelPath(s.Source.File, in.Dir)
	}
	wl := s.Workload
	p.Stack.Facts = []fact{
		{"Region", s.Region},
		{"Workload", fmt.Sprintf("%s req/s average, %s req/s peak", humanize.Figure(wl.AvgRPS), humanize.Figure(wl.PeakRPS))},
		{"SLO", fmt.Sprintf("p99 ≤ %s ms", humanize.Figure(wl.SLOp99ms))},
		{"Components", fmt.Sprint(len(s.Components))},
	}
	if in.Estimate != nil {
		for _, src := range in.Estimate.Sources {
			d := src.Date
			if d == "" {
				d = "undated"
			}
			p.Prices = append(p.Prices, fmt.Sprintf("%s (%s)", d, src.ID))
		}
	}
	if len(p.Prices) > 0 {
		p.Stack.Facts = append(p.Stack.Facts, fact{"Prices as of", strings.Join(p.Prices, ", ")})
	}

	p.Diagram = diagramOf(in, ids)
	p.Findings = findingsOf(in.Findings, in.Dir)
	p.Capacity = capacityOf(in, ids, cat)
	p.Cost = costOf(in, ids, cat)
	if in.Capacity != nil && !in.NoPlots {
		sizing := in.RightSizing
		if sizing == nil {
			sizing = &rightsize.Result{}
		}
		unswept := 0
		for _, t := range in.Capacity.Tiers {
			if peak := t.Scenario(capacity.ScenarioPeak); sizing.Curves != nil && sizing.Curves[t.Name] == nil && peak != nil && peak.RPS > 0 {
				unswept++ // beyond rightsize.MaxSweptTiers
				continue
			}
			plots, notes := tierPlots(s, in.Capacity, t, sizing)
			p.Capacity.PlotNotes = append(p.Capacity.PlotNotes, notes...)
			for _, pl := range plotViews(in, plots, ids) {
				if pl.Kind == "cost-slo" {
					p.Cost.Plots = append(p.Cost.Plots, pl)
				} else {
					p.Capacity.Plots = append(p.Capacity.Plots, pl)
				}
			}
		}
		if unswept > 0 {
			swept := len(sizing.Curves)
			note := fmt.Sprintf("Plots are drawn for %s of the %s tiers that take traffic: those with the worst verdict, then the busiest at peak. "+
				"The other %s are in the tables above.", humanize.Count(swept), humanize.Count(swept+unswept), humanize.Count(unswept))
			p.Capacity.PlotNotes = append([]string{note}, p.Capacity.PlotNotes...)
		}
	}
	p.Cards = cardsOf(in, p)
	return p
}

// diagramOf prepares the diagram SVG for inlining.
func diagramOf(in Input, ids *idGen) diagramView {
	name := in.Stack.Name
	v := diagramView{Caption: fmt.Sprintf("Architecture of %s, drawn from the stack file: traffic flows top to bottom; solid green edges are TLS, dashed red ones plaintext; each tier is annotated with its peak utilisation, p99 and monthly cost; components with findings are outlined in the colour of their worst severity.", name)}
	if len(in.DiagramSVG) == 0 {
		v.Note = in.DiagramNote
		if v.Note == "" {
			v.Note = "No diagram: the renderer was not run."
		}
		return v
	}
	svg, removed, err := cleanSVG(in.DiagramSVG)
	if err != nil {
		v.Note = "No diagram: " + err.Error() + "."
		in.warn("no diagram in the report: " + err.Error())
		return v
	}
	if len(removed) > 0 {
		what := strings.Join(removed, ", ")
		v.Removed = "Removed from the renderer's SVG as unsafe: " + what + "."
		in.warn("removed from the diagram's SVG as unsafe: " + what)
	}
	id := ids.next("diagram")
	desc := fmt.Sprintf("Diagram of stack %s with %d components: %s.", name, len(in.Stack.Components), componentList(in.Stack))
	v.SVG = template.HTML(accessibleSVG(svg, id, "Architecture diagram of "+name, desc, "diagram"))
	return v
}

func componentList(s *schema.Stack) string {
	var parts []string
	for _, n := range s.Names() {
		parts = append(parts, fmt.Sprintf("%s (%s)", n, s.Components[n].Kind))
	}
	return strings.Join(parts, ", ")
}

// accessibleSVG gives an <svg> element a role, a class, and a <title> and
// <desc> named by aria-labelledby.
func accessibleSVG(svg, id, title, desc, class string) string {
	end := strings.IndexByte(svg, '>')
	if end < 0 {
		return svg
	}
	open := svg[:end]
	open += fmt.Sprintf(` id="%s" class="%s" role="img" aria-labelledby="%s-title %s-desc"`, id, class, id, id)
	return open + ">" + fmt.Sprintf(`<title id="%s-title">%s</title><desc id="%s-desc">%s</desc>`,
		id, html.EscapeString(title), id, html.EscapeString(desc)) + svg[end+1:]
}

var severityTitles = []struct {
	sev   rules.Severity
	title string
}{{rules.Error, "Errors"}, {rules.Warning, "Warnings"}, {rules.Info, "Information"}}

func findingsOf(res rules.Result, dir string) findingsView {
	v := findingsView{Total: len(res.Findings)}
	docs := map[string]*ruleDoc{}
	known := res.Rules
	if known == nil {
		known = rules.Registry()
	}
	for _, r := range known {
		docs[r.ID] = &ruleDoc{Summary: r.Summary, Paragraphs: paragraphs(r.Docs)}
	}
	view := func(f rules.Finding) findingView {
		fv := findingView{Rule: f.RuleID, Name: f.RuleName, Severity: f.Severity.String(), Message: f.Message, Fix: f.Fix,
			Path: f.Path, Suppressed: f.SuppressedBy, Doc: docs[f.RuleID]}
		if f.Pos.File != "" {
			fv.Position = render.RelPosition(f.Pos, dir)
		}
		return fv
	}
	for _, st := range severityTitles {
		g := sevGroup{Severity: st.sev.String(), Title: st.title, ID: "findings-" + st.sev.String()}
		for _, f := range res.Findings {
			if f.Severity == st.sev {
				g.Findings = append(g.Findings, view(f))
			}
		}
		if len(g.Findings) > 0 {
			v.Groups = append(v.Groups, g)
		}
	}
	for _, f := range res.Suppressed {
		v.Suppressed = append(v.Suppressed, view(f))
	}
	return v
}

// paragraphs splits hard-wrapped text at blank lines.
func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(strings.TrimSpace(s), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func capacityOf(in Input, ids *idGen, cat *catalog.Catalog) capacityView {
	res := in.Capacity
	if res == nil {
		note := "The capacity model did not run."
		if in.CapacityErr != nil {
			note = "The capacity model could not read this stack: " + in.CapacityErr.Error()
		}
		return capacityView{Note: note}
	}
	v := capacityView{Intro: fmt.Sprintf("Queueing model of every tier at the target utilisation of %s and the p99 SLO of %s ms. "+
		"Peak, one AZ lost and deploying run at peak load on the fleet the tier can reach; average runs the fleet it holds before scaling out.",
		humanize.Percent(res.TargetUtilization), humanize.Figure(res.SLOp99ms))}
	head := []string{"Scenario", "Instances in service", "Load (req/s)", "Per instance (req/s)", "Workers", "CPU", "P(wait)", "Mean (ms)", "p99 (ms)", "Instances needed", "Verdict"}
	for _, t := range res.Tiers {
		tv := tableView{ID: ids.next("cap"), Head: head, Text: map[int]bool{9: true}}
		fleet := fmt.Sprintf("%d × %s", t.Min, t.InstanceType)
		if t.Autoscaling {
			fleet = fmt.Sprintf("%d–%d × %s, autoscaling", t.Min, t.Max, t.InstanceType)
		}
		tv.Caption = fmt.Sprintf("Compute tier %s (%s; %d vCPU and %d workers per instance)", t.Name, fleet, t.VCPU, t.Workers)
		if t.EventLoop {
			tv.Caption = fmt.Sprintf("Compute tier %s (%s; %d vCPU and %d event-loop processes per instance%s)", t.Name, fleet, t.VCPU, t.Workers, inFlightLimitText(t))
		}
		for _, sc := range t.Scenarios {
			r := scenarioRow(sc, true)
			if t.EventLoop {
				// No worker is held per request: show the requests in flight.
				r.Cells[3] = "event loop"
				if !sc.Saturated {
					r.Cells[3] = humanize.Figure(sc.InFlight) + " in flight"
				}
			}
			tv.Rows = append(tv.Rows, r)
		}
		v.Tables = append(v.Tables, tv)
	}
	if len(res.Databases) > 0 {
		tv := tableView{ID: ids.next("cap"), Caption: "Databases", Text: map[int]bool{0: true, 7: true}, Head: []string{"Database", "Scenario", "Queries/s", "vCPU", "CPU", "P(wait)", "Mean query (ms)", "p99 query (ms)", "Verdict"}}
		for _, d := range res.Databases {
			where := d.Class
			if d.HostedBy != "" {
				where = "on " + d.HostedBy
			}
			for _, sc := range d.Scenarios {
				r := row{Head: d.Name + " (" + where + ")", Class: verdictClass(sc.Verdict)}
				r.Cells = []string{scenarioLabel[sc.Kind], humanize.Figure(sc.RPS), fmt.Sprint(d.VCPU), humanize.Percent(sc.CPUUtilization), fmt.Sprintf("%.3f", sc.WaitProbability)}
				if sc.Saturated {
					r.Cells = append(r.Cells, "—", "—")
				} else {
					r.Cells = append(r.Cells, humanize.Figure(sc.MeanMs), humanize.Figure(sc.P99Ms))
				}
				r.Cells = append(r.Cells, verdictText(sc.Verdict))
				tv.Rows = append(tv.Rows, r)
			}
		}
		v.Tables = append(v.Tables, tv)
	}
	if len(res.Caches) > 0 {
		// The reads and hit ratios the model takes at each load level
		// (the callers'), not the declared reads_per_s.
		tv := tableView{ID: ids.next("cap"), Caption: "Caches", Text: map[int]bool{0: true}, Head: []string{"Cache", "Data set", "Reads/s at peak", "Writes/s", "Hit ratio at peak", "at average", "Data (MiB)", "Memory (MiB)"}}
		for _, c := range res.Caches {
			for _, ds := range c.DataSets {
				reads, avg := ds.ReadsPerS, ""
				if sc := ds.Scenario(capacity.ScenarioPeak); sc != nil {
					reads = sc.ReadsPerS
				}
				if sc := ds.Scenario(capacity.ScenarioAverage); sc != nil {
					avg = humanize.Percent(sc.HitRatio)
				}
				tv.Rows = append(tv.Rows, row{Head: c.Name, Cells: []string{ds.Name, humanize.Figure(reads), humanize.Figure(ds.WritesPerS), humanize.Percent(ds.HitRatio), avg, humanize.Figure(ds.Bytes / (1 << 20)), ""}})
			}
			tv.Rows = append(tv.Rows, row{Head: c.Name, Cells: []string{"(total)", "", "", "", "", humanize.Figure(c.DataBytes / (1 << 20)), humanize.Figure(float64(c.MemoryBytes) / (1 << 20))}})
		}
		v.Tables = append(v.Tables, tv)
	}
	return v
}

func inFlightLimitText(t *capacity.Tier) string {
	if t.InFlightLimit == 0 {
		return ", no limit on requests in flight"
	}
	return ", at most " + humanize.Figure(float64(t.InFlightLimit)) + " requests in flight"
}

func scenarioRow(sc *capacity.Scenario, compute bool) row {
	r := row{Head: scenarioLabel[sc.Kind], Class: verdictClass(sc.Verdict)}
	r.Cells = []string{fmt.Sprint(sc.Instances), humanize.Figure(sc.RPS), humanize.Figure(sc.RPSPerInstance), humanize.Percent(sc.WorkerUtilization), humanize.Percent(sc.CPUUtilization), fmt.Sprintf("%.3f", sc.WaitProbability)}
	if sc.Saturated {
		r.Cells = append(r.Cells, "—", "—")
	} else {
		r.Cells = append(r.Cells, humanize.Figure(sc.MeanMs), humanize.Figure(sc.P99Ms))
	}
	needed := "none"
	if sc.Needed > 0 {
		needed = fmt.Sprint(sc.Needed)
	}
	verdict := verdictText(sc.Verdict)
	if sc.Saturated && sc.Bottleneck != "" {
		verdict += " (" + sc.Bottleneck + ")"
	}
	r.Cells = append(r.Cells, needed, verdict)
	return r
}

// plotViews passes the plots through the same sanitiser as the diagram:
// their titles and labels hold the stack's names.
func plotViews(in Input, ps []Plot, ids *idGen) []plotView {
	var out []plotView
	for _, p := range ps {
		svg, removed, err := cleanSVG([]byte(p.SVG))
		if err != nil {
			in.warn(fmt.Sprintf("plot %q left out of the report: %v", p.Title, err))
			continue
		}
		if len(removed) > 0 {
			in.warn(fmt.Sprintf("removed from plot %q as unsafe: %s", p.Title, strings.Join(removed, ", ")))
		}
		id := ids.next("plot")
		out = append(out, plotView{ID: id, Title: p.Title, Caption: p.Caption, Kind: p.Kind, Tier: p.Tier, Table: p.Table,
			SVG: template.HTML(accessibleSVG(svg, id, p.Title, p.Desc, "plot"))})
	}
	return out
}

func costOf(in Input, ids *idGen, cat *catalog.Catalog) costView {
	var v costView
	e := in.Estimate
	if e == nil {
		v.Note = in.CostNote
		if v.Note == "" {
			v.Note = "No cost estimate: pricing was not available for this report."
		}
		return v
	}
	v.Partial = e.PartialNote()
	v.Attribution = e.Attribution
	t := &tableView{ID: ids.next("cost"), Caption: fmt.Sprintf("Monthly cost of %s in %s, on-demand list prices", e.Stack, e.Region),
		Head: []string{"Component", "Line item", "How the quantity was found", "Quantity", "Unit price", "Monthly"}, Text: map[int]bool{0: true, 1: true}}
	for _, li := range e.Items {
		unit, monthly := "no price", "—"
		if li.Priced {
			unit = humanize.UnitPrice(li.Price.USD) + "/" + li.Unit
			monthly = humanize.USD(li.MonthlyUSD)
		}
		t.Rows = append(t.Rows, row{Head: li.Component, Cells: []string{li.Name, li.Basis, humanize.Number(li.Quantity, 2) + " " + humanize.Noun(li.Quantity, li.Unit), unit, monthly}})
		if li.Priced && li.Price.Approximate {
			v.Approximate = append(v.Approximate, fmt.Sprintf("%s %s: %s", li.Component, li.Name, li.Price.Reason))
		}
	}
	total := humanize.USD(e.MonthlyUSD)
	if e.Partial {
		total = "≥ " + total
	}
	t.Foot = []row{
		{Head: "Total", Cells: []string{"", "", "", "", total}},
		{Head: "Per million requests", Cells: []string{"", fmt.Sprintf("%s M requests a month", humanize.Number(e.MonthlyRequests/1e6, 2)), "", "", render.CostPerMillion(e)}},
	}
	v.Table = t
	return v
}

func cardsOf(in Input, p *page) []card {
	var cards []card
	counts := map[string]int{}
	for _, f := range in.Findings.Findings {
		counts[f.Severity.String()]++
	}
	fc := card{Label: "Findings", Value: fmt.Sprint(len(in.Findings.Findings)), Class: "ok"}
	var parts []string
	for _, st := range severityTitles {
		if n := counts[st.sev.String()]; n > 0 {
			parts = append(parts, humanize.Plural(n, st.sev.String()))
		}
	}
	switch {
	case counts["error"] > 0:
		fc.Class = "bad"
	case counts["warning"] > 0:
		fc.Class = "warn"
	}
	fc.Detail = strings.Join(parts, ", ")
	if fc.Detail == "" {
		fc.Detail = "none"
	}
	if n := len(in.Findings.Suppressed); n > 0 {
		fc.Detail += fmt.Sprintf("; %d suppressed", n)
	}
	cards = append(cards, fc)

	if res := in.Capacity; res != nil {
		worst, where := capacity.VerdictOK, ""
		for _, t := range res.Tiers {
			for _, sc := range t.Scenarios {
				if sc.Verdict.Rank() > worst.Rank() {
					worst, where = sc.Verdict, t.Name+", "+scenarioLabel[sc.Kind]
				}
			}
		}
		for _, d := range res.Databases {
			for _, sc := range d.Scenarios {
				if sc.Verdict.Rank() > worst.Rank() {
					worst, where = sc.Verdict, d.Name+", "+scenarioLabel[sc.Kind]
				}
			}
		}
		c := card{Label: "Capacity", Value: verdictText(worst), Class: verdictClass(worst), Detail: "every tier and scenario"}
		if where != "" {
			c.Detail = "worst: " + where
		}
		cards = append(cards, c)
	}
	if e := in.Estimate; e != nil {
		total := humanize.USD(e.MonthlyUSD)
		if e.Partial {
			total = "≥ " + total
		}
		cards = append(cards, card{Label: "Monthly cost", Value: total, Detail: "on-demand, " + e.Region, Class: "info"},
			card{Label: "Per million requests", Value: render.CostPerMillion(e), Detail: humanize.Number(e.MonthlyRequests/1e6, 2) + " M requests a month", Class: "info"})
	}
	return cards
}
