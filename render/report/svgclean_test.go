package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// warnings collects what the report warns about.
func warnings(in *Input) *[]string {
	var got []string
	in.Warn = func(msg string) { got = append(got, msg) }
	return &got
}

// elementCount counts the elements of an SVG by name, as the HTML parser
// of a browser sees them.
func elementCount(t *testing.T, svg string) map[string]int {
	t.Helper()
	root, err := html.Parse(strings.NewReader("<!DOCTYPE html><body>" + svg))
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, n := range all(root, func(n *html.Node) bool { return n.Namespace == "svg" }) {
		counts[n.Data]++
	}
	return counts
}

// TestRealSVGKept: Graphviz's diagram and gonum's plots of every example
// pass the sanitiser whole: no warning, and every element still there.
func TestRealSVGKept(t *testing.T) {
	for _, path := range examples(t) {
		name := filepath.Base(filepath.Dir(path))
		t.Run(name, func(t *testing.T) {
			in := input(t, path, true)
			clean, removed, err := cleanSVG(in.DiagramSVG)
			if err != nil || len(removed) > 0 {
				t.Fatalf("diagram: removed %v, err %v", removed, err)
			}
			before, after := elementCount(t, string(in.DiagramSVG[bytes.Index(in.DiagramSVG, []byte("<svg")):])), elementCount(t, clean)
			if len(before) < 5 || !equalCounts(before, after) {
				t.Errorf("elements before %v, after %v", before, after)
			}
			got := warnings(&in)
			root := doc(t, write(t, in))
			if len(*got) > 0 {
				t.Errorf("warnings for a real diagram and plots: %q", *got)
			}
			if len(diagrams(root)) != 1 || len(all(root, func(n *html.Node) bool { return n.Data == "svg" && hasClass(n, "plot") })) == 0 {
				t.Error("diagram or plots missing")
			}
		})
	}
}

func equalCounts(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestHarmlessTextKept: text that looks like an event handler or a link
// to a regular expression ("onboarding = signup", "online=shop") is text;
// the diagram drawn by Graphviz is inlined, with no warning. The regex this
// sanitiser replaced dropped the whole diagram for these.
func TestHarmlessTextKept(t *testing.T) {
	src, err := os.ReadFile("../../examples/single-server/stack.cue")
	if err != nil {
		t.Fatal(err)
	}
	stack := strings.Replace(string(src), `name:   "single-server"`, `name:   "online=shop"`, 1)
	stack = strings.Replace(stack, `kind:          "compute"`, `kind:          "compute"
		description:   "serves the onboarding = signup flow; see href='#x' and javascript: docs <script>"`, 1)
	path := filepath.Join(t.TempDir(), "stack.cue")
	if err := os.WriteFile(path, []byte(stack), 0o644); err != nil {
		t.Fatal(err)
	}
	in := input(t, path, true)
	in.NoPlots = true
	got := warnings(&in)
	b := write(t, in)
	root := doc(t, b)
	if len(*got) > 0 {
		t.Errorf("warnings: %q", *got)
	}
	d := diagrams(root)
	if len(d) != 1 {
		t.Fatalf("%d diagrams; page says %q", len(d), text(root))
	}
	// The description is in a tooltip (xlink:title).
	var tips strings.Builder
	for _, n := range all(d[0], func(*html.Node) bool { return true }) {
		for _, a := range n.Attr {
			if a.Namespace == "xlink" && a.Key == "title" {
				tips.WriteString(a.Val + "\n")
			}
		}
	}
	seen := text(d[0]) + tips.String()
	for _, want := range []string{"online=shop", "serves the onboarding = signup flow; see href='#x' and javascript: docs <script>"} {
		if !strings.Contains(seen, want) {
			t.Errorf("the diagram does not say %q", want)
		}
	}
	checkSelfContained(t, b, root)
}

// hostileSVG are renderer outputs with something active or external, and
// what the sanitiser must say it removed.
var hostileSVG = []struct {
	name, svg string
	removed   []string
	keep      string // text that must survive
}{
	{"script", `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><text>kept</text></svg>`,
		[]string{"1 <script> element"}, "kept"},
	{"external link", `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="https://example.com/x"><text>x</text></a></svg>`,
		[]string{"1 link out of the SVG (xlink:href)"}, "x"},
	{"javascript link", `<svg xmlns="http://www.w3.org/2000/svg"><a href=" javascript:alert(1)"><text>y</text></a></svg>`,
		[]string{"1 link out of the SVG (href)"}, "y"},
	{"event handlers", `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><g onclick="x()" OnMouseOver="y()"><text>z</text></g></svg>`,
		[]string{"1 OnMouseOver attribute", "1 onclick attribute", "1 onload attribute"}, "z"},
	{"foreignObject", `<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><body xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="alert(1)"/></body></foreignObject><text>w</text></svg>`,
		[]string{"1 <foreignObject> element"}, "w"},
	{"style url", `<svg xmlns="http://www.w3.org/2000/svg"><path style="fill:url(https://evil/x)" d="M0,0"/><path style="background:u\72l(x)"/><path fill="url(//evil/y)"/><path fill="url(#grad)"/></svg>`,
		[]string{"1 reference out of the SVG (fill)", "2 style attributes with url(), escapes or other active CSS"}, ""},
	{"style element and image", `<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://evil/x.css);</style><image href="https://evil/p.png"/><use href="#a"/></svg>`,
		[]string{"1 <image> element", "1 <style> element", "1 <use> element"}, ""},
	{"other namespace", `<svg xmlns="http://www.w3.org/2000/svg" xmlns:h="http://www.w3.org/1999/xhtml"><h:script>alert(1)</h:script><h:iframe src="https://evil"/></svg>`,
		[]string{"1 <iframe> element", "1 <script> element"}, ""},
	{"animation", `<svg xmlns="http://www.w3.org/2000/svg"><a><set attributeName="href" to="javascript:alert(1)"/><animate attributeName="href" values="javascript:alert(1)"/><text>v</text></a></svg>`,
		[]string{"1 <animate> element", "1 <set> element"}, "v"},
	{"text escapes", `<svg xmlns="http://www.w3.org/2000/svg"><text>&lt;/svg&gt;&lt;script&gt;alert(1)&lt;/script&gt;</text><title>&lt;img src=x onerror=alert(1)&gt;</title></svg>`,
		nil, "</svg><script>alert(1)</script>"},
	{"quotes in attributes", `<svg xmlns="http://www.w3.org/2000/svg"><g class="a&quot; onload=&quot;alert(1)"><text>q</text></g></svg>`,
		nil, "q"},
	{"comments and CDATA", `<?xml version="1.0"?><!DOCTYPE svg><!-- <script>alert(1)</script> --><svg xmlns="http://www.w3.org/2000/svg"><text><![CDATA[</text><script>alert(1)</script>]]></text></svg>`,
		nil, "</text><script>alert(1)</script>"},
}

// TestHostileSVG: each active or external part is removed, what remains
// is inlined, the page says what was removed, and one warning lists it.
func TestHostileSVG(t *testing.T) {
	base := input(t, "../../examples/single-server/stack.cue", false)
	base.NoPlots = true
	for _, c := range hostileSVG {
		t.Run(c.name, func(t *testing.T) {
			_, removed, err := cleanSVG([]byte(c.svg))
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(removed, "; ") != strings.Join(c.removed, "; ") {
				t.Errorf("removed %q, want %q", removed, c.removed)
			}
			in := base
			in.DiagramSVG = []byte(c.svg)
			got := warnings(&in)
			b := write(t, in)
			root := doc(t, b)
			checkSelfContained(t, b, root)
			d := diagrams(root)
			if len(d) != 1 {
				t.Fatalf("%d diagrams", len(d))
			}
			checkInert(t, d[0])
			if !strings.Contains(text(d[0]), c.keep) {
				t.Errorf("diagram text %q lost %q", text(d[0]), c.keep)
			}
			if len(c.removed) == 0 {
				if len(*got) != 0 {
					t.Errorf("warnings %q for nothing removed", *got)
				}
				return
			}
			want := "removed from the diagram's SVG as unsafe: " + strings.Join(c.removed, ", ")
			if len(*got) != 1 || (*got)[0] != want {
				t.Errorf("warnings %q, want [%q]", *got, want)
			}
			if !strings.Contains(text(root), "Removed from the renderer's SVG as unsafe: "+strings.Join(c.removed, ", ")) {
				t.Error("the page does not say what was removed")
			}
		})
	}
}

// checkInert: below n, only the allow-listed elements (as the browser's
// parser sees them), no event handler, no link out, no CSS reference.
func checkInert(t *testing.T, n *html.Node) {
	t.Helper()
	for _, e := range all(n, func(*html.Node) bool { return true }) {
		if e.Namespace != "svg" || !svgElements[svgName(e.Data)] {
			t.Errorf("element <%s> (namespace %q) in the diagram", e.Data, e.Namespace)
		}
		for _, a := range e.Attr {
			key := strings.ToLower(a.Key)
			if strings.HasPrefix(key, "on") || strings.Contains(strings.ToLower(a.Val), "javascript:") && key != "class" && key != "xlink:title" && key != "id" {
				t.Errorf("<%s %s=%q>", e.Data, a.Key, a.Val)
			}
			if strings.HasSuffix(key, "href") && !strings.HasPrefix(a.Val, "#") {
				t.Errorf("<%s %s=%q> links out", e.Data, a.Key, a.Val)
			}
			if strings.Contains(strings.ToLower(a.Val), "url(") && !localURL.MatchString(a.Val) {
				t.Errorf("<%s %s=%q> references out", e.Data, a.Key, a.Val)
			}
		}
	}
}

// svgName undoes the HTML parser's lower-casing of SVG's camel-case names
// it does not know.
func svgName(s string) string {
	for k := range svgElements {
		if strings.EqualFold(k, s) {
			return k
		}
	}
	return s
}

// TestNotSVG: output that is not SVG leaves a note, and a warning says so.
func TestNotSVG(t *testing.T) {
	in := input(t, "../../examples/single-server/stack.cue", false)
	in.NoPlots = true
	for _, svg := range []string{"not svg at all", `<html><script>alert(1)</script></html>`, `<svg xmlns="http://www.w3.org/2000/svg"><g></svg>`, `<svg><text>no namespace</text></svg>`} {
		in.DiagramSVG = []byte(svg)
		got := warnings(&in)
		b := write(t, in)
		root := doc(t, b)
		if len(diagrams(root)) != 0 || !strings.Contains(text(root), "No diagram: the renderer's") {
			t.Errorf("%s: inlined", svg)
		}
		if len(*got) != 1 || !strings.HasPrefix((*got)[0], "no diagram in the report: the renderer's") {
			t.Errorf("%s: warnings %q", svg, *got)
		}
		checkSelfContained(t, b, root)
	}
}

// FuzzCleanSVG: whatever goes in, what comes out is inert as the browser
// parses it, and cleaning it again removes nothing and changes nothing.
func FuzzCleanSVG(f *testing.F) {
	for _, c := range hostileSVG {
		f.Add([]byte(c.svg))
	}
	f.Add(input(f, "../../examples/web-asg-rds-cache/stack.cue", true).DiagramSVG)
	f.Fuzz(func(t *testing.T, svg []byte) {
		clean, _, err := cleanSVG(svg)
		if err != nil {
			return
		}
		root, err := html.Parse(strings.NewReader("<!DOCTYPE html><body>" + clean))
		if err != nil {
			t.Fatal(err)
		}
		body := all(root, tag("body"))[0]
		for c := body.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				checkInert(t, c)
			}
		}
		again, removed, err := cleanSVG([]byte(clean))
		if err != nil || len(removed) > 0 || again != clean {
			t.Errorf("cleaning twice: err %v, removed %q\nonce:  %q\ntwice: %q", err, removed, clean, again)
		}
	})
}
