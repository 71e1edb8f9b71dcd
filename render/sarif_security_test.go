package render

import (
	"strconv"
	"strings"
	"testing"

	"github.com/infralint/infralint/rules"
)

// notSecurity are the NET and TLS rules that are not security findings.
var notSecurity = map[string]string{
	"NET003": "a caller the database does not let in: an outage, not an exposure",
}

// TestSecuritySeverity: every scored rule exists; every NET and TLS rule is
// either scored or said not to be a security rule (a new one must be
// decided); scores rank the way GitHub reads them (critical 9.0+, high
// 7.0–8.9, medium 4.0–6.9): a database open to the internet is critical,
// plain HTTP on the internet high, what needs a foothold inside medium.
func TestSecuritySeverity(t *testing.T) {
	for id, score := range securitySeverity {
		if _, ok := rules.Lookup(id); !ok {
			t.Errorf("%s is scored but is no rule", id)
		}
		if v, err := strconv.ParseFloat(score, 64); err != nil || v < 0.1 || v > 10 {
			t.Errorf("%s: score %q is not in [0.1, 10]", id, score)
		}
	}
	for _, r := range rules.Registry() {
		if !strings.HasPrefix(r.ID, "NET") && !strings.HasPrefix(r.ID, "TLS") {
			if _, ok := securitySeverity[r.ID]; ok {
				t.Errorf("%s is scored: say why it is a security rule", r.ID)
			}
			continue
		}
		_, scored := securitySeverity[r.ID]
		if _, excluded := notSecurity[r.ID]; scored == excluded {
			t.Errorf("%s: scored %v, listed as not security %v: decide one", r.ID, scored, excluded)
		}
	}
	level := func(id string) string {
		v, _ := strconv.ParseFloat(securitySeverity[id], 64)
		switch {
		case v >= 9:
			return "critical"
		case v >= 7:
			return "high"
		case v >= 4:
			return "medium"
		}
		return "low"
	}
	for id, want := range map[string]string{"NET002": "critical", "NET001": "high", "TLS001": "high", "TLS005": "high", "TLS006": "high",
		"TLS002": "medium", "TLS003": "medium", "TLS004": "medium"} {
		if got := level(id); got != want {
			t.Errorf("%s ranks %s, want %s", id, got, want)
		}
	}
	p := sarifRuleProperties("NET002", "NET")
	if p.SecuritySeverity != "9.1" || strings.Join(p.Tags, ",") != "infralint,net,security" {
		t.Errorf("NET002 properties %+v", p)
	}
	if p := sarifRuleProperties("CAP001", "CAP"); p.SecuritySeverity != "" || strings.Join(p.Tags, ",") != "infralint,cap" {
		t.Errorf("CAP001 properties %+v", p)
	}
}
