package render

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/infralint/infralint/rules"
)

// TestRulesTextFits80Columns: `infralint rules` is read in a terminal.
func TestRulesTextFits80Columns(t *testing.T) {
	var b bytes.Buffer
	if err := RulesText(&b, rules.Registry()); err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(strings.TrimRight(b.String(), "\n"), "\n") {
		if n := utf8.RuneCountInString(line); n > 80 {
			t.Errorf("line %d is %d columns wide: %s", i+1, n, line)
		}
	}
	// Every rule is there with its name and what it needs.
	for _, r := range rules.Registry() {
		first := needsList(r, "\n", "-")
		first, _, _ = strings.Cut(first, "\n")
		if !strings.Contains(b.String(), "│ "+r.ID+" ") || !strings.Contains(b.String(), first) || !strings.Contains(b.String(), r.Name) {
			t.Errorf("%s, its needs or its name is missing from the table", r.ID)
		}
	}
}

// TestRulesJSON: requires lists the declared needs by name, [] for none.
func TestRulesJSON(t *testing.T) {
	var b bytes.Buffer
	if err := RulesJSON(&b, rules.Registry()); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		SchemaVersion int `json:"schema_version"`
		Rules         []struct {
			ID       string   `json:"id"`
			Requires []string `json:"requires"`
			DocsURL  string   `json:"docs_url"`
		} `json:"rules"`
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.SchemaVersion != JSONSchemaVersion {
		t.Errorf("schema_version %d, want %d", doc.SchemaVersion, JSONSchemaVersion)
	}
	got := doc.Rules
	want := map[string]string{"ARCH001": "", "CAP001": "capacity", "COST002": "capacity,cost,rightsize", "COST003": "cost"}
	seen := 0
	for _, r := range got {
		if w, ok := want[r.ID]; ok {
			seen++
			if r.Requires == nil || strings.Join(r.Requires, ",") != w {
				t.Errorf("%s requires %q, want %q", r.ID, r.Requires, w)
			}
			if r.DocsURL != "https://github.com/infralint/infralint/blob/main/docs/rules/"+r.ID+".md" {
				t.Errorf("%s docs_url %q", r.ID, r.DocsURL)
			}
		}
	}
	if seen != len(want) || len(got) != len(rules.Registry()) {
		t.Errorf("%d rules listed, want %d", len(got), len(rules.Registry()))
	}
}
