package render

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/infralint/infralint/rules"
	"github.com/infralint/infralint/schema"
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

var updateDocs = flag.Bool("update-docs", false, "rewrite docs/rules from the rule declarations")

// TestRuleDocsPages keeps docs/rules generated from the rule declarations:
// a stale page, a missing one or a page for no rule fails.
func TestRuleDocsPages(t *testing.T) {
	const dir = "../docs/rules"
	want := RuleDocs(rules.Registry())
	entries, err := os.ReadDir(dir)
	if err != nil && !(*updateDocs && os.IsNotExist(err)) {
		t.Fatal(err)
	}
	if *updateDocs {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if _, ok := want[e.Name()]; !ok {
				if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
					t.Fatal(err)
				}
			}
		}
		for name, page := range want {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(page), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	for _, e := range entries {
		if _, ok := want[e.Name()]; !ok {
			t.Errorf("docs/rules/%s is for no registered rule: run go test ./render -update-docs", e.Name())
		}
	}
	for name, page := range want {
		got, err := os.ReadFile(filepath.Join(dir, name))
		switch {
		case os.IsNotExist(err):
			t.Errorf("docs/rules/%s is missing: run go test ./render -update-docs", name)
		case err != nil:
			t.Error(err)
		case string(got) != page:
			t.Errorf("docs/rules/%s is stale: run go test ./render -update-docs", name)
		}
	}
}

// TestSARIFHelpURIs: each rule's helpUri in a SARIF log is its own page,
// and that page is committed under the path the URL names.
func TestSARIFHelpURIs(t *testing.T) {
	var b bytes.Buffer
	if err := FindingsSARIF(&b, Report{}, rules.Registry(), "test", "."); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID      string `json:"id"`
						HelpURI string `json:"helpUri"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, r := range log.Runs[0].Tool.Driver.Rules {
		path, ok := strings.CutPrefix(r.HelpURI, "https://github.com/infralint/infralint/blob/main/")
		if !ok || path != "docs/rules/"+r.ID+".md" || seen[r.HelpURI] {
			t.Errorf("%s: helpUri %q is not its own page under docs/rules", r.ID, r.HelpURI)
			continue
		}
		seen[r.HelpURI] = true
		if _, err := os.Stat(filepath.Join("..", path)); err != nil {
			t.Errorf("%s: helpUri names %s, which is not in the repository: %v", r.ID, path, err)
		}
	}
	if len(seen) != len(rules.Registry()) {
		t.Errorf("%d distinct helpUris for %d rules", len(seen), len(rules.Registry()))
	}
}

// cueBlock matches a fenced CUE snippet in a generated page.
var cueBlock = regexp.MustCompile("(?s)```cue\n(.*?)```")

// TestRuleDocsConfigSnippets loads each page's .infralint.cue snippets with
// the real config schema: the first must disable the rule, the second set
// its severity, so the pages cannot drift from schema/config.cue.
func TestRuleDocsConfigSnippets(t *testing.T) {
	dir := t.TempDir()
	for _, r := range rules.Registry() {
		var configs []string
		for _, m := range cueBlock.FindAllStringSubmatch(RuleDocPage(r), -1) {
			if strings.HasPrefix(m[1], "rules:") {
				configs = append(configs, m[1])
			}
		}
		if len(configs) != 2 {
			t.Fatalf("%s: %d config snippets on the page, want 2", r.ID, len(configs))
		}
		load := func(src string) *schema.Config {
			path := filepath.Join(dir, ".infralint.cue")
			if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
			c, err := schema.LoadConfig(path)
			if err != nil {
				t.Fatalf("%s: page's config %q does not load: %v", r.ID, src, err)
			}
			return c
		}
		if e := load(configs[0]).Rules[r.ID].Enabled; e == nil || *e {
			t.Errorf("%s: %q does not disable the rule", r.ID, configs[0])
		}
		if s := load(configs[1]).Rules[r.ID].Severity; s != "error" {
			t.Errorf("%s: %q sets severity %q", r.ID, configs[1], s)
		}
	}
}
