package rules

import (
	"fmt"
	"strings"

	"github.com/infralint/infralint/schema"
)

// FromPolicy makes an organisation policy a rule like the built-in ones:
// findings at the field CUE names, suppressible by its ID, listed by
// `infralint rules`, described by `explain` and SARIF.
func FromPolicy(p *schema.Policy) (*Rule, error) {
	sev, err := ParseSeverity(p.Severity)
	if err != nil {
		return nil, fmt.Errorf("policies.%s.severity: %w", p.ID, err)
	}
	r := &Rule{
		ID:       p.ID,
		Name:     policyName(p.Summary),
		Severity: sev,
		Summary:  p.Summary,
		Docs:     p.Docs,
		URL:      p.URL,
		Source:   p.Pos,
	}
	r.Check = func(pass *Pass) {
		for _, c := range pass.Stack.OfKind(p.Kind) {
			for _, v := range p.Check(c.Name, c) {
				at := c.Name
				if v.Field != "" {
					at += "." + v.Field
				}
				pass.Report(v.Path, "", "%s: %s %s", p.Summary, at, v.Reason)
			}
		}
	}
	return r, nil
}

// policyName is the kebab-case name shown beside the ID, made from the
// summary's first words ("Databases must be Multi-AZ" is
// databases-must-be-multi-az).
func policyName(summary string) string {
	words := strings.FieldsFunc(strings.ToLower(summary), func(r rune) bool {
		return !('a' <= r && r <= 'z' || '0' <= r && r <= '9')
	})
	var b strings.Builder
	for _, w := range words {
		if b.Len() > 0 && b.Len()+1+len(w) > 30 {
			break
		}
		if b.Len() > 0 {
			b.WriteByte('-')
		}
		b.WriteString(w)
	}
	if b.Len() == 0 {
		return "policy"
	}
	return b.String()
}
