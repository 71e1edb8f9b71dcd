package diagram

// These tests render the DOT with render/graphviz. Only tests import it:
// the package itself stays free of Graphviz (see TestNoGraphvizImport).

import (
	"bytes"
	"context"
	"encoding/xml"
	"flag"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/infralint/infralint/render/graphviz"
	"github.com/infralint/infralint/schema"
)

var (
	updateSVG = flag.Bool("update", false, "rewrite the committed examples/<name>/diagram.svg")
	benchDOT  = flag.String("bench-dot", "", "write the generated 500-component stack's DOT to this file (bench/diagram.sh)")
)

// readmeDiagrams are the examples whose diagram.svg is committed and shown
// in the README.
var readmeDiagrams = []string{"web-asg-rds-cache", "legacy-monolith"}

func render(t testing.TB, dot []byte, format string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := graphviz.Render(context.Background(), dot, format, &buf); err != nil {
		t.Fatalf("render %s: %v\n%s", format, err, dot)
	}
	return buf.Bytes()
}

func loadExamples(t *testing.T) map[string]*schema.Stack {
	t.Helper()
	files, err := filepath.Glob("../../examples/*/stack.cue")
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	l, err := schema.NewLoader()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*schema.Stack{}
	for _, f := range files {
		s, err := l.LoadPath(f)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out[filepath.Base(filepath.Dir(f))] = s
	}
	return out
}

// svgInfo is what the SVG shows: the titles of node and cluster groups,
// the size in points, and all text.
type svgInfo struct {
	nodes, clusters []string
	widthPt         float64
	heightPt        float64
	text            string
	tooltips        []string
}

func parseSVG(t *testing.T, b []byte) svgInfo {
	t.Helper()
	var info svgInfo
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	var stack []string // class of each open <g>
	var inTitle, inText bool
	var text strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG does not parse: %v", err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			attr := func(name string) string {
				for _, a := range e.Attr {
					if a.Name.Local == name {
						return a.Value
					}
				}
				return ""
			}
			switch e.Name.Local {
			case "svg":
				info.widthPt = pt(t, attr("width"))
				info.heightPt = pt(t, attr("height"))
			case "g":
				stack = append(stack, attr("class"))
			case "title":
				inTitle = true
			case "text":
				inText = true
			case "a":
				if tip := attr("title"); tip != "" {
					info.tooltips = append(info.tooltips, tip)
				}
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "g":
				stack = stack[:len(stack)-1]
			case "title":
				inTitle = false
			case "text":
				inText = false
				text.WriteByte('\n')
			}
		case xml.CharData:
			if inTitle && len(stack) > 0 {
				switch stack[len(stack)-1] {
				case "node":
					info.nodes = append(info.nodes, string(e))
				case "cluster":
					info.clusters = append(info.clusters, string(e))
				}
			}
			if inText {
				text.Write(e)
			}
		}
	}
	info.text = text.String()
	return info
}

func pt(t *testing.T, s string) float64 {
	v, err := strconv.ParseFloat(strings.TrimSuffix(s, "pt"), 64)
	if err != nil {
		t.Fatalf("SVG size %q: %v", s, err)
	}
	return v
}

// expected derives what a stack's diagram must contain, independently of
// the builder: one node per component not hosted by another, the internet
// when anything faces it, the VPC and a cluster per subnet kind used and
// per autoscaling group.
func expected(s *schema.Stack) (nodes, clusters []string) {
	hosted := map[string]bool{}
	for _, c := range s.OfKind(schema.KindCompute) {
		for _, h := range c.Compute.Hosts {
			hosted[h] = true
		}
	}
	subnets := map[string]bool{}
	for _, name := range s.Names() {
		c := s.Components[name]
		if hosted[name] {
			continue
		}
		nodes = append(nodes, name)
		if c.Kind != schema.KindCDN {
			subnets[c.Subnet] = true
		}
		if c.Compute != nil && c.Compute.Autoscaling != nil {
			clusters = append(clusters, "cluster_asg_"+name)
		}
	}
	clusters = append(clusters, "cluster_vpc")
	for sn := range subnets {
		clusters = append(clusters, "cluster_"+sn)
	}
	slices.Sort(nodes)
	slices.Sort(clusters)
	return nodes, clusters
}

func TestExamplesSVG(t *testing.T) {
	for name, s := range loadExamples(t) {
		t.Run(name, func(t *testing.T) {
			dot := Build(s, Options{})
			svg := render(t, dot, "svg")
			info := parseSVG(t, svg)
			var comps []string
			internet := false
			for _, n := range info.nodes {
				switch {
				case n == "@internet":
					internet = true
				case strings.HasPrefix(n, "@"):
				default:
					comps = append(comps, n)
				}
			}
			var clusters []string
			for _, c := range info.clusters {
				if c != "cluster_legend" {
					clusters = append(clusters, c)
				}
			}
			slices.Sort(comps)
			slices.Sort(clusters)
			wantNodes, wantClusters := expected(s)
			if !slices.Equal(comps, wantNodes) {
				t.Errorf("component nodes %v, want %v", comps, wantNodes)
			}
			if !slices.Equal(clusters, wantClusters) {
				t.Errorf("clusters %v, want %v", clusters, wantClusters)
			}
			if !internet {
				t.Errorf("no internet node")
			}
			for _, n := range wantNodes {
				if !strings.Contains(info.text, n+"\n") {
					t.Errorf("no text %q in the SVG", n)
				}
			}
			// Graphviz's SVG is deterministic: the committed pictures can be
			// compared byte for byte.
			if again := render(t, dot, "svg"); !bytes.Equal(again, svg) {
				t.Errorf("two renderings of the same DOT differ")
			}
		})
	}
}

// Spot checks of counts for examples whose shape is known, so that a
// change to expected() cannot hide a regression.
func TestExampleCounts(t *testing.T) {
	ex := loadExamples(t)
	for name, want := range map[string][2]int{ // component nodes, clusters (without the legend)
		"web-asg-rds-cache": {4, 4}, // alb web redis db; vpc public private asg_web
		"legacy-monolith":   {2, 3}, // lb app(+db); vpc public private
		"single-server":     {1, 2}, // app(+db); vpc public
	} {
		s, ok := ex[name]
		if !ok {
			continue
		}
		info := parseSVG(t, render(t, Build(s, Options{}), "svg"))
		nodes := 0
		for _, n := range info.nodes {
			if !strings.HasPrefix(n, "@") {
				nodes++
			}
		}
		clusters := len(info.clusters) - 1 // legend
		if nodes != want[0] || clusters != want[1] {
			t.Errorf("%s: %d component nodes and %d clusters, want %d and %d", name, nodes, clusters, want[0], want[1])
		}
	}
}

// TestExamplesPNG decodes the PNG of every example, checks its size against
// the SVG's, and counts pixels of the colours only borders and edges use:
// the VPC border, the subnet borders, TLS and plaintext edges. A renderer
// that dropped outlines or edges (as go-graphviz's own PNG renderer does)
// fails here.
func TestExamplesPNG(t *testing.T) {
	for name, s := range loadExamples(t) {
		t.Run(name, func(t *testing.T) {
			dot := Build(s, Options{})
			info := parseSVG(t, render(t, dot, "svg"))
			img, err := png.Decode(bytes.NewReader(render(t, dot, "png")))
			if err != nil {
				t.Fatal(err)
			}
			w, h := img.Bounds().Dx(), img.Bounds().Dy()
			wantW, wantH := info.widthPt*96/72, info.heightPt*96/72
			if math.Abs(float64(w)-wantW) > 4 || math.Abs(float64(h)-wantH) > 4 {
				t.Errorf("PNG %dx%d, want about %.0fx%.0f (the SVG's %gx%g pt at 96 dpi)", w, h, wantW, wantH, info.widthPt, info.heightPt)
			}
			counts := colourCounts(img, colNote, "#66bb6a", "#78909c", colTLS, colPlain, "#7e57c2")
			need := map[string]int{colNote: 400} // the VPC's border: a long rounded rectangle
			if strings.Contains(string(dot), `"cluster_public"`) {
				need["#66bb6a"] = 200
			}
			if strings.Contains(string(dot), `"cluster_private"`) {
				need["#78909c"] = 200
			}
			if strings.Contains(string(dot), `"cluster_asg_`) {
				need["#7e57c2"] = 100 // dashed
			}
			if strings.Contains(string(dot), `color="`+colTLS+`", fontcolor`) {
				need[colTLS] = 100
			}
			if strings.Contains(string(dot), `color="`+colPlain+`", fontcolor`) {
				need[colPlain] = 60
			}
			for c, n := range need {
				if counts[c] < n {
					t.Errorf("only %d pixels of %s (want at least %d): a border or edge is missing", counts[c], c, n)
				}
			}
		})
	}
}

// colourCounts counts the pixels within a small distance of each colour.
func colourCounts(img image.Image, hex ...string) map[string]int {
	want := map[string]color.RGBA{}
	for _, h := range hex {
		v, _ := strconv.ParseUint(strings.TrimPrefix(h, "#"), 16, 32)
		want[h] = color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 255}
	}
	out := map[string]int{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			for h, c := range want {
				if near(r>>8, c.R) && near(g>>8, c.G) && near(bl>>8, c.B) {
					out[h]++
				}
			}
		}
	}
	return out
}

func near(a uint32, b uint8) bool { return math.Abs(float64(a)-float64(b)) <= 24 }

// TestEscapingRenders feeds names, a VPC name and a description holding
// quotes, backslashes, < > &, newlines and Korean through Build and
// Graphviz: the SVG must parse and show each of them as written.
func TestEscapingRenders(t *testing.T) {
	names := map[string]string{
		"stack": `가게 "shop" <prod> & co`,
		"alb":   `lb "front"`,
		"app":   "앱 서버\\1",
		"db":    `db <main> & "orders"`,
		"cache": "캐시\nline two",
		"side":  `a\nb`,
		"vpc":   `vpc "a" & <b>`,
		"desc":  "설명: \"quoted\" <tag> & \\back\nsecond line",
	}
	s := handStack(names)
	dot := Build(s, Options{})
	info := parseSVG(t, render(t, dot, "svg"))
	for _, want := range []string{
		`가게 "shop" <prod> & co`,
		`lb "front"`,
		"앱 서버\\1",
		`db <main> & "orders"`,
		"캐시\n", "line two",
		`a\nb`, // a literal backslash-n in a name, not a line break
		`vpc "a" & <b>`,
	} {
		if !strings.Contains(info.text, want) {
			t.Errorf("SVG text lacks %q:\n%s", want, info.text)
		}
	}
	var gotDesc bool
	for _, tip := range info.tooltips {
		if strings.Contains(tip, "설명: \"quoted\" <tag> & \\back\nsecond line") {
			gotDesc = true
		}
	}
	if !gotDesc {
		t.Errorf("description missing from tooltips %q", info.tooltips)
	}
	// Node IDs are the names as written, except that line breaks are
	// written as \n.
	for _, n := range []string{`lb "front"`, `앱 서버\1`, `db <main> & "orders"`, `캐시\nline two`} {
		if !slices.Contains(info.nodes, n) {
			t.Errorf("no node titled %q in %q", n, info.nodes)
		}
	}
	// The PNG renders too (Korean glyphs depend on the PNG engine's font).
	if _, err := png.Decode(bytes.NewReader(render(t, dot, "png"))); err != nil {
		t.Fatal(err)
	}
}

// TestCommittedSVGs fails when examples/<name>/diagram.svg, shown in the
// README, is not what the current code draws. go test ./render/diagram
// -update rewrites them.
func TestCommittedSVGs(t *testing.T) {
	ex := loadExamples(t)
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range readmeDiagrams {
		s, ok := ex[name]
		if !ok {
			t.Errorf("example %s is gone; update readmeDiagrams and the README", name)
			continue
		}
		path := filepath.Join("../../examples", name, "diagram.svg")
		got := render(t, Build(s, Options{}), "svg")
		if *updateSVG {
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (go test ./render/diagram -update writes it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is stale: the stack or the drawing changed; regenerate with go test ./render/diagram -update", path)
		}
		if link := "examples/" + name + "/diagram.svg"; !bytes.Contains(readme, []byte(link)) {
			t.Errorf("README does not show %s", link)
		}
	}
}

// TestNoGraphvizImport: the package must stay free of Graphviz, or every
// command importing it would pay Graphviz's start-up.
func TestNoGraphvizImport(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	re := regexp.MustCompile(`"github.com/(goccy/go-graphviz|infralint/infralint/render/graphviz)`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if re.Match(b) {
			t.Errorf("%s imports Graphviz", f)
		}
	}
}

// TestWriteBenchDOT writes the generated stack's DOT for bench/diagram.sh,
// which times native dot on the same graph.
func TestWriteBenchDOT(t *testing.T) {
	if *benchDOT == "" {
		t.Skip("no -bench-dot")
	}
	if err := os.WriteFile(*benchDOT, Build(genStack(500), Options{}), 0o644); err != nil {
		t.Fatal(err)
	}
}

func BenchmarkBuild500(b *testing.B) {
	s := genStack(500)
	for b.Loop() {
		Build(s, Options{})
	}
}

// BenchmarkRenderSVG500 is Build plus Graphviz layout and SVG of a
// 500-component stack.
func BenchmarkRenderSVG500(b *testing.B) {
	s := genStack(500)
	for b.Loop() {
		render(b, Build(s, Options{}), "svg")
	}
}
