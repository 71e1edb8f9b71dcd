package terraform

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const readingDoc = "../docs/terraform-reading.md"

// TestFunctionsDocumented: docs/terraform-reading.md lists every function
// as supported or not, in the right list.
func TestFunctionsDocumented(t *testing.T) {
	src, err := os.ReadFile(readingDoc)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(src)
	split := strings.Index(doc, "These are Terraform functions a static reader does not have")
	if split < 0 {
		t.Fatal("the list of unsupported functions is gone from the doc")
	}
	for n := range supported {
		if !strings.Contains(doc[:split], "`"+n+"`") {
			t.Errorf("supported function %s is not in the doc's list", n)
		}
	}
	for n := range unsupported {
		if !strings.Contains(doc[split:], "`"+n+"`") {
			t.Errorf("unsupported function %s is not in the doc's list", n)
		}
	}
}

// TestFunctions evaluates each function that is more than a stdlib name
// (and a few that are), against values worked by hand from Terraform's
// documentation of the function.
func TestFunctions(t *testing.T) {
	for _, c := range []struct{ expr, want string }{
		{`replace("a-b-c", "-", "+")`, `"a+b+c"`},
		{`replace("h-t-t-p", "/-/", "")`, `"http"`},              // a /regex/ substring
		{`replace("10.0.1.0", "/^(\\d+)\\..*$/", "$1")`, `"10"`}, // with a capture
		{`length("héllo")`, `5`},                                 // characters, not bytes
		{`length([1, 2, 3])`, `3`},
		{`length({a = 1})`, `1`},
		{`lookup({a = "x"}, "b", "none")`, `"none"`},
		{`tolist(toset(["b", "a", "b"]))`, `["a", "b"]`},
		{`try(local.m.missing, "fallback")`, `"fallback"`},
		{`can(local.m.missing)`, `false`},
		{`cidrsubnet("10.0.0.0/16", 8, 1)`, `(unknown)`},
		{`format("%s-%03d", "app", 7)`, `"app-007"`},
	} {
		dir := t.TempDir()
		writeFile(t, filepath.Join(dir, "main.tf"), "locals {\n  m = {}\n}\n\nresource \"x\" \"y\" {\n  v = "+c.expr+"\n}\n")
		m, err := ReadDir(dir, ReadOptions{})
		if err != nil {
			t.Errorf("%s: %v", c.expr, err)
			continue
		}
		v := m.Resources[0].Body.Attrs["v"].Value
		if got := value(v); got != c.want {
			t.Errorf("%s = %s, want %s", c.expr, got, c.want)
		}
		if c.want == "(unknown)" && len(m.Unresolved) == 0 {
			t.Errorf("%s: unknown but not listed as unresolved", c.expr)
		}
	}
}
