package report

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/infralint/infralint/internal/stackgen"
	"github.com/infralint/infralint/rightsize"
)

// TestPlotsBounded: beyond rightsize.MaxSweptTiers tiers taking traffic,
// the page plots that many, says so, and still tables every tier.
func TestPlotsBounded(t *testing.T) {
	n := rightsize.MaxSweptTiers + 5
	var b bytes.Buffer
	if err := stackgen.WriteTiers(&b, n); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "tiers.cue")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	in := input(t, path, false)
	page := write(t, in)
	root := doc(t, page)
	checkAccessible(t, page, root)
	tiers := map[string]bool{}
	for _, fig := range all(root, func(n *html.Node) bool { return n.Data == "figure" && hasClass(n, "plot") }) {
		tiers[attr(fig, "data-tier")] = true
	}
	if len(tiers) != rightsize.MaxSweptTiers {
		t.Errorf("plots of %d tiers, want %d", len(tiers), rightsize.MaxSweptTiers)
	}
	want := fmt.Sprintf("Plots are drawn for %d of the %d tiers that take traffic", rightsize.MaxSweptTiers, n)
	if !strings.Contains(text(root), want) {
		t.Errorf("the page does not say %q", want)
	}
	if got := len(all(root, func(n *html.Node) bool { return n.Data == "table" && strings.HasPrefix(attr(n, "id"), "cap") })); got != n {
		t.Errorf("%d capacity tables, want %d", got, n)
	}
}
