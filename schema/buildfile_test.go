package schema

import (
	"strings"
	"testing"
)

// TestBuildFileKeepsFileScope: compiling the file inside `#Stack & {…}`
// keeps what a file means on its own: #Stack closes the top level, imports
// and references between the file's fields resolve, and the schema's names
// are not in the user's scope.
func TestBuildFileKeepsFileScope(t *testing.T) {
	if _, err := loadString(t, validStack+"nmae: \"typo\"\n"); err == nil || !strings.Contains(err.Error(), "nmae: field not allowed") {
		t.Errorf("top-level typo: %v", err)
	}
	withRefs := "package shop\n\nimport \"strings\"\n\n" + strings.Replace(validStack, `name:   "t"`, `name: strings.ToLower("T")`, 1) +
		"network: vpc: name + \"-vpc\"\n"
	s, err := loadString(t, withRefs)
	if err != nil {
		t.Fatal(err)
	}
	if s.Name != "t" || s.Network.VPC != "t-vpc" {
		t.Errorf("name %q, vpc %q", s.Name, s.Network.VPC)
	}
	if _, err := loadString(t, validStack+"x: #Port\n"); err == nil || !strings.Contains(err.Error(), "reference \"#Port\" not found") {
		t.Errorf("a schema name resolved in the user's file: %v", err)
	}
}
