package terraform

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestIgnoreDocExample reads the example of docs/terraform-reading.md and
// checks that its comments attach where the doc says.
func TestIgnoreDocExample(t *testing.T) {
	src, err := os.ReadFile(readingDoc)
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(src), "```hcl\n")
	example, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatal("no hcl example in the doc")
	}
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "main.tf"), example+"\nresource \"aws_subnet\" \"a\" {}\n")
	m, err := ReadDir(dir, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range m.Resources {
		var s []string
		for _, ig := range r.Ignores {
			s = append(s, strings.Join(ig.IDs, ",")+" on "+ig.Attr)
		}
		got[r.Address] = strings.Join(s, "; ")
	}
	want := map[string]string{
		"aws_lb.web":           "LB003 on ",
		"aws_lb_listener.http": "TLS001 on protocol; TLS001 on default_action",
		"aws_subnet.a":         "",
	}
	for a, w := range want {
		if got[a] != w {
			t.Errorf("%s: ignores %q, want %q", a, got[a], w)
		}
	}
}
