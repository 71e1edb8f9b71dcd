package diagram

import (
	"bytes"
	"context"
	"encoding/xml"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/infralint/infralint/internal/textsafe"
	"github.com/infralint/infralint/render/graphviz"
	"github.com/infralint/infralint/schema"
)

// FuzzDiagramText: any stack name, description or annotation text yields
// DOT that Graphviz accepts and an SVG that parses and still shows the text.
func FuzzDiagramText(f *testing.F) {
	for _, s := range []string{`plain`, `q"uote`, `back\slash`, `<b>&amp;</b>`, "two\nlines", `결제 서비스`, `{}|[]`, `\N\G\E`, "\t", "\x1b[2J\r\u202e", `\L\T\H trailing\`} {
		f.Add(s, s, s)
	}
	f.Fuzz(func(t *testing.T, name, desc, note string) {
		for _, s := range []string{name, desc, note} {
			if !utf8.ValidString(s) {
				return // the loader rejects non-UTF-8 files before anything is drawn
			}
		}
		s := &schema.Stack{
			Name: name, Region: "us-east-1",
			Network: schema.Network{VPC: "vpc", AZs: []string{"us-east-1a"}},
			Components: map[string]*schema.Component{
				"app": {Name: "app", Kind: schema.KindCompute, Subnet: "public", AZs: []string{"us-east-1a"}, Description: desc,
					Compute: &schema.Compute{InstanceType: "m5.large", Count: 1, Workers: schema.Workers{Processes: 1, Threads: 1}, Port: 8080}},
			},
		}
		dot := Build(s, Options{Annotations: &Annotations{Stack: []string{note}, Components: map[string][]string{"app": {note}}}})
		var svg bytes.Buffer
		if err := graphviz.Render(context.Background(), dot, "svg", &svg); err != nil {
			t.Fatalf("Graphviz rejects the DOT: %v\n%s", err, dot)
		}
		var text, tips strings.Builder
		dec := xml.NewDecoder(&svg)
		for {
			tok, err := dec.Token()
			if err != nil {
				if err.Error() != "EOF" {
					t.Fatalf("SVG does not parse: %v", err)
				}
				break
			}
			switch tok := tok.(type) {
			case xml.CharData:
				text.Write(tok)
			case xml.StartElement:
				for _, a := range tok.Attr {
					if a.Name.Local == "title" { // xlink:title, the tooltip
						tips.WriteString(a.Value + "\n")
					}
				}
			}
		}
		// Each word of the name must survive escaping, control characters
		// shown escaped as everywhere in infralint.
		for _, w := range strings.Fields(textsafe.Cell(name)) {
			if !strings.Contains(text.String(), w) {
				t.Fatalf("SVG text lacks %q of the name %q", w, name)
			}
		}
		// So must each word of the description in the tooltip, where
		// Graphviz unescapes twice.
		for _, w := range strings.Fields(textsafe.Cell(desc)) {
			if !strings.Contains(tips.String(), w) {
				t.Fatalf("no tooltip holds %q of the description %q:\n%s", w, desc, tips.String())
			}
		}
	})
}
