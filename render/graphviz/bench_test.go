package graphviz

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// genDOT returns a deterministic architecture-like graph: subnets, each a
// cluster nested in a VPC cluster, with 1.4 edges per node (chains inside
// subnets plus cross-links, mostly to the next subnet).
//
// Edge labels dominate dot's layout time: the same 500-node graph with a
// label on every edge and random cross-cluster links takes about 45 s (and
// native dot 2.43 about 39 s), against under a second without labels.
func genDOT(nodes, vpcs, subnetsPerVPC int) string {
	r := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	b.WriteString("digraph G {\n  rankdir=LR; node [shape=box, fontname=Helvetica]; edge [fontname=Helvetica, fontsize=9];\n")
	subnets := vpcs * subnetsPerVPC
	per := nodes / subnets
	n := 0
	for v := range vpcs {
		fmt.Fprintf(&b, "  subgraph cluster_vpc%d {\n    label=\"vpc %d\"; color=blue;\n", v, v)
		for s := range subnetsPerVPC {
			fmt.Fprintf(&b, "    subgraph cluster_vpc%d_sn%d {\n      label=\"subnet %d\"; style=dashed;\n", v, s, s)
			for i := 0; i < per && n < nodes; i++ {
				shape := "box"
				if i%7 == 0 {
					shape = "cylinder"
				}
				fmt.Fprintf(&b, "      n%d [label=\"service %d\\nport %d\", shape=%s];\n", n, n, 8000+n, shape)
				n++
			}
			b.WriteString("    }\n")
		}
		b.WriteString("  }\n")
	}
	for ; n < nodes; n++ {
		fmt.Fprintf(&b, "  n%d [label=\"external %d\"];\n", n, n)
	}
	edges := 0
	for i := 1; i < nodes; i++ {
		if i%per != 0 {
			fmt.Fprintf(&b, "  n%d -> n%d;\n", i-1, i)
			edges++
		}
	}
	// Cross-links: mostly to a node of the next subnet (a tier below),
	// some to any node; every fourth edge carries a port label.
	for edges < nodes*7/5 {
		a := r.IntN(nodes)
		c := r.IntN(nodes)
		if r.IntN(10) < 8 {
			c = (a/per+1)*per + r.IntN(per)
		}
		if c >= nodes || a == c {
			continue
		}
		attrs := "style=solid"
		if edges%3 == 0 {
			attrs = "style=dashed"
		}
		if edges%4 == 0 {
			attrs += fmt.Sprintf(", label=\"tcp/%d\"", 8000+c)
		}
		fmt.Fprintf(&b, "  n%d -> n%d [%s];\n", a, c, attrs)
		edges++
	}
	b.WriteString("}\n")
	return b.String()
}

func benchRender(b *testing.B, dot, format string) {
	ctx := context.Background()
	var buf bytes.Buffer
	if err := Render(ctx, []byte(dot), format, &buf); err != nil {
		b.Fatal(err)
	}
	size := buf.Len()
	for b.Loop() {
		buf.Reset()
		if err := Render(ctx, []byte(dot), format, &buf); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(size), "out-bytes")
}

// BenchmarkRenderSVG500: 500 nodes, 700 edges, 5 VPC clusters of 2 subnets.
func BenchmarkRenderSVG500(b *testing.B) {
	benchRender(b, genDOT(500, 5, 2), "svg")
}

// BenchmarkRenderPNG: 50 nodes, 70 edges, 2 VPC clusters of 2 subnets.
func BenchmarkRenderPNG(b *testing.B) {
	benchRender(b, genDOT(50, 2, 2), "png")
}

func TestGenDOTShape(t *testing.T) {
	dot := genDOT(500, 5, 2)
	if n := strings.Count(dot, "->"); n != 700 {
		t.Fatalf("generated %d edges, want 700", n)
	}
	if n := strings.Count(dot, "subgraph cluster_"); n != 15 {
		t.Fatalf("generated %d clusters, want 15", n)
	}
}
