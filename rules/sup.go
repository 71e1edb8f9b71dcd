package rules

import "strings"

var ruleSuppressionReason = &Rule{
	ID:       "SUP001",
	Name:     "suppression-without-reason",
	Severity: Warning,
	Summary:  "An @infralint(ignore=...) attribute gives no reason",
	// A reasonless suppression must not be able to silence its own complaint.
	Unsuppressible: true,
	Docs: `A suppression silences a finding for everyone who reads the stack later. The
reason is what tells them whether it still holds.

Fix: @infralint(ignore="LB002", reason="why this is acceptable here").`,
	Check: func(p *Pass) {
		for _, s := range p.Stack.Source.Suppressions {
			if strings.TrimSpace(s.Reason) == "" {
				p.Report(s.Path, `add reason="..."`, "suppression of %v gives no reason", s.IDs)
			}
		}
	},
}

var ruleSuppressionUnknown = &Rule{
	ID:       "SUP002",
	Name:     "suppression-of-unknown-rule",
	Severity: Warning,
	Summary:  "An @infralint(ignore=...) attribute names a rule that does not exist",
	// Naming SUP002 beside a misspelt ID must not hide the misspelling.
	Unsuppressible: true,
	Docs: `A misspelt rule ID suppresses nothing, while the reader believes a finding
was reviewed. See infralint rules for the IDs.

Fix: correct the ID or remove the attribute.`,
	Check: func(p *Pass) {
		for _, s := range p.Stack.Source.Suppressions {
			for _, id := range s.IDs {
				if !p.knownRule(id) {
					p.Report(s.Path, "use an ID from `infralint rules`", "suppression names unknown rule %s", id)
				}
			}
		}
	},
}

var ruleSuppressionExpired = &Rule{
	ID:       "SUP003",
	Name:     "suppression-expired",
	Severity: Warning,
	Summary:  "An @infralint(ignore=...) attribute is past its expires date",
	// An expired suppression must not be able to silence its own expiry.
	Unsuppressible: true,
	Docs: `A suppression may carry expires="YYYY-MM-DD": it silences its findings up to
and including that day. After it, the suppression covers nothing: the
findings it silenced are reported again, and this finding points at the
attribute so that someone decides whether the exception still holds.

Fix: fix the findings and remove the attribute, or review the exception and
move expires to a new date.`,
	Check: func(p *Pass) {
		for _, s := range p.Stack.Source.Suppressions {
			if s.Expired(p.today) {
				p.Report(s.Path, `fix the findings, or review the exception and set a new expires="YYYY-MM-DD"`,
					"suppression of %v expired on %s; it no longer suppresses anything", s.IDs, s.Expires)
			}
		}
	},
}
