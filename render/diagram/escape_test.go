package diagram

import (
	"bytes"
	"encoding/xml"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/infralint/infralint/rules"
)

// graphvizEscapes holds every escString sequence Graphviz knows, a doubled
// backslash, a control character and a trailing backslash.
const graphvizEscapes = `\N\G\L\E\T\H\l\n\r\\ and` + "\x1b[2J" + ` end\`

// TestGraphvizEscapesStayLiteral draws user text full of Graphviz escapes
// in every attribute that carries it (labels, HTML labels, node and edge
// tooltips, the graph's ID) with the real renderer: each shows exactly as
// written, nothing is expanded.
func TestGraphvizEscapesStayLiteral(t *testing.T) {
	e := graphvizEscapes
	s := handStack(map[string]string{"stack": "s" + e, "vpc": "v" + e, "desc": "d" + e})
	opts := Options{
		ShowFindings: true,
		Findings: []rules.Finding{
			{RuleID: "X001", Severity: rules.Warning, Path: "components.app", Message: "m" + e},
			{RuleID: "X002", Severity: rules.Error, Path: "components.app.calls[0]", Message: "c" + e},
		},
		Annotations: &Annotations{Stack: []string{"a" + e}, Components: map[string][]string{"db": {"n" + e}}},
	}
	dot := Build(s, opts)
	svg := render(t, dot, "svg")
	info := parseSVG(t, svg)
	shown := strings.ReplaceAll(e, "\x1b", `\u001b`) // control characters are shown escaped
	for _, want := range []string{"s" + shown, "v" + shown, "a" + shown, "n" + shown} {
		if !strings.Contains(info.text, want) {
			t.Errorf("SVG text lacks %q:\n%s", want, info.text)
		}
	}
	for _, want := range []string{"d" + shown, "X001 warning: m" + shown, "X002 error: c" + shown} {
		if !slices.ContainsFunc(info.tooltips, func(tip string) bool { return strings.Contains(tip, want) }) {
			t.Errorf("no tooltip holds %q: %q", want, info.tooltips)
		}
	}
	if got := graphTitle(t, svg); got != "s"+shown {
		t.Errorf("the graph's title is %q, want %q", got, "s"+shown)
	}
}

// TestGraphvizEscapesCannotBlowUp: \N, \G and \L each expand to a name or
// a label, so a description made of them grew the SVG quadratically (a
// 51 KB stack gave 200 MB). Escaped, the SVG grows with the text.
func TestGraphvizEscapesCannotBlowUp(t *testing.T) {
	bomb := strings.Repeat(`\G\L\N\E`, 4000)
	s := handStack(map[string]string{"stack": "s" + bomb, "desc": bomb})
	dot := Build(s, Options{Annotations: &Annotations{Stack: []string{bomb}}})
	svg := render(t, dot, "svg")
	if len(svg) > 4*len(dot) {
		t.Fatalf("the SVG is %d bytes for %d bytes of DOT", len(svg), len(dot))
	}
}

// graphTitle is the text of the SVG's first <title>, the graph's ID.
func graphTitle(t *testing.T, svg []byte) string {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(svg))
	in := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			t.Fatal("no <title>")
		}
		if err != nil {
			t.Fatal(err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			in = e.Name.Local == "title"
		case xml.CharData:
			if in {
				return string(e)
			}
		}
	}
}
