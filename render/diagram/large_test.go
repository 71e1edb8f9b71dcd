package diagram

import (
	"bytes"
	"regexp"
	"strconv"
	"testing"

	"github.com/infralint/infralint/internal/stackgen"
	"github.com/infralint/infralint/internal/testload"
	"github.com/infralint/infralint/schema"
)

var svgSize = regexp.MustCompile(`<svg width="([0-9.]+)pt" height="([0-9.]+)pt"`)

// aspect is an SVG's width over its height.
func aspect(t *testing.T, svg []byte) float64 {
	t.Helper()
	m := svgSize.FindSubmatch(svg)
	if m == nil {
		t.Fatal("no size in the SVG")
	}
	w, _ := strconv.ParseFloat(string(m[1]), 64)
	h, _ := strconv.ParseFloat(string(m[2]), 64)
	return w / h
}

// loadStackgen is stackgen's stack of n components (bench/gen's): n/4
// services of a load balancer, an app tier, a cache and a database, that
// share nothing.
func loadStackgen(t *testing.T, n int) *schema.Stack {
	t.Helper()
	var src bytes.Buffer
	if err := stackgen.Write(&src, n); err != nil {
		t.Fatal(err)
	}
	return testload.Source(t, "gen.cue", src.String())
}

// Drawn tier by tier (groupFrom raised out of reach), these were 4.7:1
// (stackgen, 40 components), 38.7:1 (stackgen, 500), 7.2:1, 29:1 and 73:1
// (genStack, 50, 200, 500). Laid out by service, with grids for the tiers
// too wide for a rank, each stays within 3:1 (2.1, 1.5, 2.0, 2.7, 1.9)
// and still shows every component by name.
func TestLargeStacksStayWithin3To1(t *testing.T) {
	if testing.Short() {
		t.Skip("renders stacks of up to 500 components")
	}
	cases := []struct {
		name string
		s    *schema.Stack
	}{
		// Services that share nothing: clusters in rows.
		{"stackgen-40", loadStackgen(t, 40)},
		{"stackgen-500", loadStackgen(t, 500)},
		// App tiers sharing databases and caches: one service, or a few
		// large ones, drawn in grids.
		{"shared-50", genStack(50)},
		{"shared-200", genStack(200)},
		{"shared-500", genStack(500)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			svg := render(t, Build(c.s, Options{}), "svg")
			if a := aspect(t, svg); a > 3 || a < 1.0/3 {
				t.Errorf("width/height %.2f, want within 3:1", a)
			}
			for _, name := range c.s.Names() {
				if !bytes.Contains(svg, []byte(">"+name+"</text>")) {
					t.Errorf("component %s is not drawn", name)
					break
				}
			}
		})
	}
}

func TestServiceGroups(t *testing.T) {
	// 10 services of 4: the widest tier (10) is over groupFrom.
	b := newBuilder(loadStackgen(t, 40), Options{})
	groups := b.serviceGroups()
	if len(groups) != 10 {
		t.Fatalf("%d services, want 10", len(groups))
	}
	for _, g := range groups {
		if len(g) != 4 || g[0].Kind != schema.KindLB || g[3].Kind != schema.KindDatabase {
			t.Errorf("service %v: want lb, compute, cache, database", names(g))
		}
	}
	// The examples keep their subnet layout.
	for name, s := range loadExamples(t) {
		if g := newBuilder(s, Options{}).serviceGroups(); g != nil {
			t.Errorf("%s is drawn by service", name)
		}
	}
}

func names(cs []*schema.Component) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Name)
	}
	return out
}
