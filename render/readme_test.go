package render

import (
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/infralint/infralint/rules"
)

var updateReadme = flag.Bool("update-readme", false, "rewrite the rule table in README.md")

const (
	rulesBegin = "<!-- rules:begin -->\n"
	rulesEnd   = "<!-- rules:end -->"
)

// TestReadmeRuleTable keeps the README's rule list generated from the rule
// metadata, so that it cannot drift.
func TestReadmeRuleTable(t *testing.T) {
	const path = "../README.md"
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	i, j := strings.Index(readme, rulesBegin), strings.Index(readme, rulesEnd)
	if i < 0 || j < i {
		t.Fatalf("README.md lacks the %q … %q markers", rulesBegin, rulesEnd)
	}
	want := readme[:i+len(rulesBegin)] + RulesMarkdown(rules.Registry()) + readme[j:]
	if *updateReadme {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if readme != want {
		t.Error("README.md's rule table is stale: run go test ./render -update-readme")
	}
}
