package diagram

import (
	"bytes"
	"context"
	"encoding/xml"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/infralint/infralint/render/graphviz"
	"github.com/infralint/infralint/schema"
)

// FuzzDiagramText: any stack name, description or annotation text yields
// DOT that Graphviz accepts and an SVG that parses and still shows the text.
func FuzzDiagramText(f *testing.F) {
	for _, s := range []string{`plain`, `q"uote`, `back\slash`, `<b>&amp;</b>`, "two\nlines", `결제 서비스`, `{}|[]`, `\N\G\E`, "\t"} {
		f.Add(s, s, s)
	}
	f.Fuzz(func(t *testing.T, name, desc, note string) {
		if !utf8.ValidString(name + desc + note) {
			return // the loader rejects non-UTF-8 files before anything is drawn
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
		var text strings.Builder
		dec := xml.NewDecoder(&svg)
		for {
			tok, err := dec.Token()
			if err != nil {
				if err.Error() != "EOF" {
					t.Fatalf("SVG does not parse: %v", err)
				}
				break
			}
			if cd, ok := tok.(xml.CharData); ok {
				text.Write(cd)
			}
		}
		// Each visible word of the name must survive escaping (control
		// characters are drawn as spaces).
		visible := strings.Map(func(r rune) rune {
			if r < 0x20 || r == 0x7f {
				return ' '
			}
			return r
		}, name)
		for _, w := range strings.Fields(visible) {
			if !strings.Contains(text.String(), w) {
				t.Fatalf("SVG text lacks %q of the name %q", w, name)
			}
		}
	})
}
