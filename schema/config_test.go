package schema

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestDefaultConfig(t *testing.T) {
	c := DefaultConfig()
	if c.FailOn != "warning" || !c.InlineIgnores || c.Region != "" {
		t.Errorf("defaults: %+v", c)
	}
	if c.Thresholds.UtilisationTarget != 0.7 || c.Thresholds.CacheHitFloor != 0.5 { // docs/capacity-model.md#tier-chaining, docs/caching.md#findings
		t.Errorf("default thresholds: %+v", c.Thresholds)
	}
}

func writeConfig(t *testing.T, src string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), ConfigFileName)
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadConfig(t *testing.T) {
	p := writeConfig(t, `
rules: {
	LB003: enabled: false
	TLS004: severity: "error"
}
fail_on: "error"
thresholds: utilisation_target: 0.6
region: "eu-west-1"
`)
	c, err := LoadConfig(p)
	if err != nil {
		t.Fatal(err)
	}
	if e := c.Rules["LB003"].Enabled; e == nil || *e {
		t.Errorf("LB003 enabled = %v, want false", e)
	}
	if c.Rules["TLS004"].Severity != "error" || c.FailOn != "error" || c.Region != "eu-west-1" {
		t.Errorf("config: %+v", c)
	}
	if c.Thresholds.UtilisationTarget != 0.6 || c.Thresholds.CacheHitFloor != 0.5 { // the floor left at its default (docs/caching.md#findings)
		t.Errorf("thresholds: %+v", c.Thresholds)
	}
}

func TestLoadConfigErrorsArePositioned(t *testing.T) {
	cases := []struct{ src, want string }{
		{"fail_on: \"fatal\"\n", `:1:10: fail_on: "fatal" is not allowed`},
		{"thresholds: {\n\tutilisation_target: 1.5\n}\n", ":2:22: thresholds.utilisation_target"},
		{"rulez: {}\n", ":1:1: rulez: field not allowed"},
		{"rules: lb003: enabled: false\n", ":1:8: rules.lb003: field not allowed"},
		{"region: \"Europe\"\n", ":1:9: region: invalid value"},
		{"fail_on: \n", "expected operand"},
	}
	for _, c := range cases {
		p := writeConfig(t, c.src)
		_, err := LoadConfig(p)
		if err == nil {
			t.Errorf("%q: no error", c.src)
			continue
		}
		if !strings.Contains(err.Error(), p+c.want) && !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %q does not contain %q", c.src, err, c.want)
		}
		if strings.Contains(err.Error(), "#Config") {
			t.Errorf("%q: error leaks the schema's name: %v", c.src, err)
		}
	}
}

func TestFindConfigWalksUp(t *testing.T) {
	root := t.TempDir()
	deep := filepath.Join(root, "a", "b")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	if got := FindConfig(deep); got != "" && strings.HasPrefix(got, root) {
		t.Fatalf("found %s before writing one", got)
	}
	want := filepath.Join(root, "a", ConfigFileName)
	os.WriteFile(want, []byte("{}"), 0o644)
	if got := FindConfig(deep); got != want {
		t.Errorf("FindConfig = %q, want %q", got, want)
	}
}

func TestDefaultRegion(t *testing.T) {
	l, err := NewLoader()
	if err != nil {
		t.Fatal(err)
	}
	noRegion := strings.Replace(validStack, "region: \"us-east-1\"\n", "", 1)
	if _, err := l.LoadBytes("s.cue", []byte(noRegion)); err == nil || !strings.Contains(err.Error(), "region") {
		t.Fatalf("no default region: err = %v, want a missing region", err)
	}
	l.DefaultRegion = "eu-west-1"
	s, err := l.LoadBytes("s.cue", []byte(noRegion))
	if err != nil {
		t.Fatal(err)
	}
	if s.Region != "eu-west-1" {
		t.Errorf("region %q, want the default", s.Region)
	}
	s, err = l.LoadBytes("s.cue", []byte(validStack))
	if err != nil || s.Region != "us-east-1" {
		t.Errorf("a written region must win over the default: %v %v", s, err)
	}
}

func TestSuppressionExpiry(t *testing.T) {
	src := strings.Replace(validStack, `alb: {kind: "lb"`, `alb: {kind: "lb"`, 1)
	src = strings.Replace(src, "\tapp: {", "\tapp: { @infralint(ignore=\"ASG002\", reason=\"r\", expires=\"2025-06-30\")\n", 1)
	s, err := loadString(t, src)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Source.Suppressions) != 1 {
		t.Fatalf("suppressions: %+v", s.Source.Suppressions)
	}
	sup := s.Source.Suppressions[0]
	day := func(d string) time.Time { tm, _ := time.Parse(DateLayout, d); return tm }
	if sup.Expired(day("2025-06-30")) || sup.Expired(day("2025-01-01")) {
		t.Error("a suppression holds up to and including its expiry date")
	}
	if !sup.Expired(day("2025-07-01")) {
		t.Error("a suppression past its expiry date must be expired")
	}

	bad := strings.Replace(src, "2025-06-30", "30/06/2025", 1)
	_, err = loadString(t, bad)
	if err == nil || !strings.Contains(err.Error(), `expires="30/06/2025" is not a date`) || !strings.Contains(err.Error(), "stack.cue:") {
		t.Errorf("bad date: err = %v", err)
	}
}
