package report

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/internal/humanize"
	"github.com/infralint/infralint/pricing"
	"github.com/infralint/infralint/render/diagram"
	"github.com/infralint/infralint/render/graphviz"
	"github.com/infralint/infralint/rightsize"
	"github.com/infralint/infralint/rules"
	"github.com/infralint/infralint/schema"
)

// The test links Graphviz (render/graphviz) to draw the diagrams the way
// the infralint-diagram renderer does; the report package itself does not.

func examples(t *testing.T) []string {
	t.Helper()
	dirs, err := filepath.Glob("../../examples/*/stack.cue")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	return dirs
}

// input runs every analysis on one stack file, as the report command does.
func input(t testing.TB, path string, withDiagram bool) Input {
	t.Helper()
	l, err := schema.NewLoader()
	if err != nil {
		t.Fatal(err)
	}
	s, err := l.LoadPath(path)
	if err != nil {
		t.Fatal(err)
	}
	model, err := capacity.Analyze(s, capacity.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res := rules.Run(&rules.Input{Stack: s, Capacity: model}, rules.Options{})
	sizing := rightsize.Plan(s, model, nil, rightsize.Options{Sweeps: true})
	est := pricing.Price(s, catalog.Default(), pricing.Options{Instances: sizing.Instances})
	in := Input{Stack: s, Capacity: model, Findings: res, Estimate: est, RightSizing: sizing}
	if withDiagram {
		dot := diagram.Build(s, diagram.Options{Annotations: diagram.Annotate(s, model, est), ShowFindings: true, Findings: res.Findings})
		var buf bytes.Buffer
		if err := graphviz.Render(context.Background(), dot, "svg", &buf); err != nil {
			t.Fatalf("graphviz: %v", err)
		}
		in.DiagramSVG = buf.Bytes()
	}
	return in
}

func write(t *testing.T, in Input) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, in); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// doc parses the report as HTML5 and returns its root.
func doc(t *testing.T, b []byte) *html.Node {
	t.Helper()
	n, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("does not parse as HTML: %v", err)
	}
	return n
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		if c == class {
			return true
		}
	}
	return false
}

// all returns the elements below n for which match is true.
func all(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func tag(name string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Data == name }
}

func firstElement(n *html.Node) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			return c
		}
	}
	return nil
}

func text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// The only URLs a report may hold: the SVG namespaces.
var namespaces = regexp.MustCompile(`xmlns(:xlink)?="http://www\.w3\.org/(2000/svg|1999/xlink)"`)

// checkSelfContained: no URL but the namespaces, nothing that loads.
func checkSelfContained(t *testing.T, b []byte, root *html.Node) {
	t.Helper()
	rest := namespaces.ReplaceAllString(string(b), "")
	for _, bad := range []string{"http://", "https://", "//www.", "url(http", "@import"} {
		if i := strings.Index(rest, bad); i >= 0 {
			t.Errorf("external reference %q at …%s…", bad, rest[max(0, i-60):min(len(rest), i+60)])
		}
	}
	for _, name := range []string{"script", "link", "img", "iframe", "object", "embed", "image", "use", "foreignObject"} {
		if n := all(root, tag(name)); len(n) > 0 {
			t.Errorf("report has %d <%s> element(s)", len(n), name)
		}
	}
	for _, n := range all(root, func(*html.Node) bool { return true }) {
		for _, a := range n.Attr {
			if (a.Key == "href" || a.Key == "src" || strings.HasSuffix(a.Key, ":href")) && !strings.HasPrefix(a.Val, "#") {
				t.Errorf("<%s %s=%q> points outside the page", n.Data, a.Key, a.Val)
			}
			if strings.HasPrefix(a.Key, "on") {
				t.Errorf("<%s> has an event handler %s", n.Data, a.Key)
			}
		}
	}
	csp := all(root, func(n *html.Node) bool { return n.Data == "meta" && attr(n, "http-equiv") == "Content-Security-Policy" })
	if len(csp) != 1 || !strings.HasPrefix(attr(csp[0], "content"), "default-src 'none'") {
		t.Errorf("no Content-Security-Policy forbidding fetches")
	}
}

// checkAccessible: headings in order, tables with captions and scoped
// headers, SVGs with a title and a description, unique IDs, captions on
// figures, a print stylesheet.
func checkAccessible(t *testing.T, b []byte, root *html.Node) {
	t.Helper()
	if h1 := all(root, tag("h1")); len(h1) != 1 {
		t.Errorf("%d <h1>", len(h1))
	}
	if attr(all(root, tag("html"))[0], "lang") == "" {
		t.Error("<html> has no lang")
	}
	ids := map[string]bool{}
	for _, n := range all(root, func(n *html.Node) bool { return attr(n, "id") != "" }) {
		id := attr(n, "id")
		if ids[id] {
			t.Errorf("duplicate id %q", id)
		}
		ids[id] = true
	}
	for _, tbl := range all(root, tag("table")) {
		if c := firstElement(tbl); c == nil || c.Data != "caption" || strings.TrimSpace(text(c)) == "" {
			t.Errorf("table %q has no caption", attr(tbl, "id"))
		}
		for _, th := range all(tbl, tag("th")) {
			if s := attr(th, "scope"); s != "col" && s != "row" {
				t.Errorf("table %q: <th>%s</th> without scope", attr(tbl, "id"), text(th))
			}
		}
	}
	for _, svg := range all(root, tag("svg")) {
		c := firstElement(svg)
		if c == nil || c.Data != "title" || strings.TrimSpace(text(c)) == "" {
			t.Errorf("svg %q: first child is not a <title>", attr(svg, "id"))
			continue
		}
		if d := c.NextSibling; d == nil || d.Data != "desc" || strings.TrimSpace(text(d)) == "" {
			t.Errorf("svg %q: no <desc> after the title", attr(svg, "id"))
		}
		if attr(svg, "role") != "img" {
			t.Errorf("svg %q: role %q", attr(svg, "id"), attr(svg, "role"))
		}
		for _, ref := range strings.Fields(attr(svg, "aria-labelledby")) {
			if !ids[ref] {
				t.Errorf("svg %q: aria-labelledby names missing id %q", attr(svg, "id"), ref)
			}
		}
	}
	for _, fig := range all(root, tag("figure")) {
		if len(all(fig, tag("figcaption"))) != 1 {
			t.Errorf("figure %q has no figcaption", attr(fig, "id"))
		}
	}
	if !bytes.Contains(b, []byte("@media print")) {
		t.Error("no print stylesheet")
	}
}

func diagrams(root *html.Node) []*html.Node {
	return all(root, func(n *html.Node) bool { return n.Data == "svg" && hasClass(n, "diagram") })
}

// TestExamples renders every example's report with its diagram and checks
// its structure: HTML, one diagram, the expected plots, no external URL.
func TestExamples(t *testing.T) {
	for _, path := range examples(t) {
		name := filepath.Base(filepath.Dir(path))
		t.Run(name, func(t *testing.T) {
			in := input(t, path, true)
			b := write(t, in)
			root := doc(t, b)
			checkSelfContained(t, b, root)
			checkAccessible(t, b, root)
			if d := diagrams(root); len(d) != 1 {
				t.Errorf("%d diagram SVGs, want 1", len(d))
			} else if len(all(d[0], func(n *html.Node) bool { return n.Data == "g" && hasClass(n, "node") })) < 2 {
				t.Error("the diagram has no nodes")
			}
			// The expected plots: three per compute tier that takes traffic.
			want := map[string]bool{}
			for _, tier := range in.Capacity.Tiers {
				if tier.Scenario(capacity.ScenarioPeak).RPS > 0 {
					for _, k := range []string{"latency", "load", "cost-slo"} {
						want[k+"/"+tier.Name] = true
					}
				}
			}
			got := map[string]bool{}
			for _, fig := range all(root, func(n *html.Node) bool { return n.Data == "figure" && hasClass(n, "plot") }) {
				key := attr(fig, "data-kind") + "/" + attr(fig, "data-tier")
				if got[key] {
					t.Errorf("plot %s twice", key)
				}
				got[key] = true
				if svgs := all(fig, func(n *html.Node) bool { return n.Data == "svg" && hasClass(n, "plot") }); len(svgs) != 1 {
					t.Errorf("plot %s: %d SVGs", key, len(svgs))
				}
				if len(all(fig, tag("details"))) != 1 {
					t.Errorf("plot %s: no data table", key)
				}
			}
			var notes string
			for _, n := range all(root, func(n *html.Node) bool { return n.Data == "p" && hasClass(n, "plot-note") }) {
				notes += text(n) + "\n"
			}
			for k := range want {
				kind, tier, _ := strings.Cut(k, "/")
				if !got[k] && (kind == "load" || !strings.Contains(notes, tier+": no ")) {
					t.Errorf("missing plot %s, and no note says why", k)
				}
			}
			for k := range got {
				if !want[k] {
					t.Errorf("unexpected plot %s", k)
				}
			}
			if len(want) == 0 {
				t.Error("an example without a compute tier taking traffic")
			}
			// Findings: each one shown, with its rule's docs.
			shown := all(root, func(n *html.Node) bool { return n.Data == "li" && hasClass(n, "finding") })
			if len(shown) != len(in.Findings.Findings)+len(in.Findings.Suppressed) {
				t.Errorf("%d findings shown, want %d", len(shown), len(in.Findings.Findings)+len(in.Findings.Suppressed))
			}
			for _, li := range shown {
				d := all(li, tag("details"))
				if len(d) != 1 || len(all(d[0], tag("p"))) == 0 {
					t.Errorf("finding %.60q has no rule docs", text(li))
				}
			}
			// The sections and the facts the issue asks for.
			page := text(root)
			for _, want := range []string{in.Stack.Name, in.Stack.Region, "Prices as of", "Per million requests", "Total", "Capacity", "Findings"} {
				if !strings.Contains(page, want) {
					t.Errorf("page does not say %q", want)
				}
			}
			// Deterministic: the same input gives the same bytes.
			if again := write(t, in); !bytes.Equal(again, b) {
				t.Error("two renderings differ")
			}
			if os.Getenv("REPORT_KEEP") != "" {
				os.WriteFile(filepath.Join(os.Getenv("REPORT_KEEP"), name+".html"), b, 0o644)
			}
		})
	}
}

// TestDegrades: without a diagram, a cost estimate or a capacity model the
// report still renders, with notes in their place.
func TestDegrades(t *testing.T) {
	in := input(t, "../../examples/web-asg-rds/stack.cue", false)
	in.DiagramNote = "No diagram: the infralint-diagram renderer was not found."
	in.Estimate, in.CostNote = nil, ""
	in.Capacity, in.CapacityErr = nil, errors.New("unknown instance type")
	in.NoPlots = true
	b := write(t, in)
	root := doc(t, b)
	checkSelfContained(t, b, root)
	checkAccessible(t, b, root)
	if n := len(all(root, tag("svg"))); n != 0 {
		t.Errorf("%d SVGs without a diagram or plots", n)
	}
	page := text(root)
	for _, want := range []string{in.DiagramNote, "No cost estimate", "could not read this stack: unknown instance type"} {
		if !strings.Contains(page, want) {
			t.Errorf("page does not say %q", want)
		}
	}
}

// TestCompare: findings, capacity and cost changes between two stacks.
func TestCompare(t *testing.T) {
	old := input(t, "../../examples/web-asg-rds/stack.cue", false)
	new := input(t, "../../examples/web-asg-rds-cache/stack.cue", false)
	var buf bytes.Buffer
	if err := WriteCompare(&buf, old, new); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	root := doc(t, b)
	checkSelfContained(t, b, root)
	checkAccessible(t, b, root)
	page := text(root)
	for _, want := range []string{"web-asg-rds → web-asg-rds-cache", "new finding", "resolved finding", "Monthly cost line by line", "Compute tiers by scenario", "redis", "added"} {
		if !strings.Contains(page, want) {
			t.Errorf("comparison does not say %q", want)
		}
	}
	var again bytes.Buffer
	WriteCompare(&again, old, new)
	if !bytes.Equal(again.Bytes(), b) {
		t.Error("two renderings differ")
	}
	// A stack against itself: nothing changed.
	buf.Reset()
	if err := WriteCompare(&buf, old, old); err != nil {
		t.Fatal(err)
	}
	same := text(doc(t, buf.Bytes()))
	for _, want := range []string{"0 new findings, 0 resolved findings", "0 scenarios of"} {
		if !strings.Contains(same, want) {
			t.Errorf("self-comparison does not say %q", want)
		}
	}
}

// The report's numbers are printed by internal/humanize, tested there.
func TestInstanceTicks(t *testing.T) {
	ticks := intTicks{}.Ticks(1, 24)
	for _, tk := range ticks {
		if strings.Contains(tk.Label, ".") {
			t.Errorf("instance tick %q", tk.Label)
		}
	}
	if len(ticks) < 3 || len(ticks) > 9 {
		t.Errorf("%d ticks for 1..24", len(ticks))
	}
}

// TestComparePartialNew: web-asg-rds moved to eu-north-1, outside the
// regional price list, lacks the ALB, NAT, EBS, RDS storage, public IPv4
// and inter-AZ prices. Those lines' differences are unknown, not savings,
// and the totals' difference and the cost per million requests read "≥"
// (only the new total is partial).
func TestComparePartialNew(t *testing.T) {
	src, err := os.ReadFile("../../pricing/testdata/regional/ap-northeast-2.cue")
	if err != nil {
		t.Fatal(err)
	}
	moved := filepath.Join(t.TempDir(), "stack.cue")
	if err := os.WriteFile(moved, []byte(strings.ReplaceAll(string(src), "ap-northeast-2", "eu-north-1")), 0o644); err != nil {
		t.Fatal(err)
	}
	old := input(t, "../../examples/web-asg-rds/stack.cue", false)
	new := input(t, moved, false)
	if !new.Estimate.Partial || old.Estimate.Partial {
		t.Fatalf("partial: old %v, new %v", old.Estimate.Partial, new.Estimate.Partial)
	}
	var buf bytes.Buffer
	if err := WriteCompare(&buf, old, new); err != nil {
		t.Fatal(err)
	}
	page := text(doc(t, buf.Bytes()))
	delta := humanize.SignedUSD(new.Estimate.MonthlyUSD - old.Estimate.MonthlyUSD)
	for _, want := range []string{"unknown", "≥ " + delta, "≥ " + humanize.USDRounded(new.Estimate.PerMillionRequestsUSD, 4)} {
		if !strings.Contains(page, want) {
			t.Errorf("comparison does not say %q", want)
		}
	}
	if strings.Contains(page, "-$65.70") {
		t.Error("the missing NAT price reads as a saving")
	}
}
